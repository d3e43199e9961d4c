"""Reading remembered settings (``QSettings``) that a user or another program may have edited."""

from __future__ import annotations


def setting_bool(value, default: bool) -> bool:
    """A yes/no setting as QSettings returns it (``True``, ``"true"``, ``"0"``…); anything else
    (missing, blank, corrupted by hand) is ``default``, never silently off."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, (str, int)) else ""
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    return default
