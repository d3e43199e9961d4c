"""The interface's languages (issue 13 item 1): English, 简体中文 and 繁體中文 through Qt's
translation system.

Every user-visible string of the window goes through ``self.tr("...")`` (in a QObject subclass) or
``QCoreApplication.translate("Context", "...")``; ``pyside6-lupdate`` extracts them into the
``.ts`` sources under ``resources/i18n/`` (one per language, edited with Qt Linguist), and
``pyside6-lrelease`` compiles those into the ``.qm`` catalogues the window loads. Both tools ship
with PySide6. After changing strings::

    python -m asean_atlas.desktop.i18n            # lupdate + lrelease for every language

Qt's own dialogs (file chooser, message-box buttons, colour picker) come from the ``qtbase_*.qm``
catalogues PySide6 ships. The language is chosen by ``--lang``, else the one remembered from
View > Language (``QSettings`` key ``language``), else the system locale; like QGIS, a change from
the menu applies when the Atlas next starts (a window half in one language and half in another
helps nobody).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Language codes and their names in themselves (the menu shows each in its own script).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}
#: The translated languages (English is the source text).
TRANSLATED = ("zh_CN", "zh_TW")
#: Where the ``.ts`` sources and compiled ``.qm`` catalogues live (``resources/i18n`` beside
#: ``desktop/``, in the checkout and in the installed package alike).
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"

#: QSettings key of the remembered language.
SETTINGS_KEY = "language"


def normalize(code: str | None) -> str | None:
    """A language code as the Atlas names it (``"en"``, ``"zh_CN"``, ``"zh_TW"``), or None.

    Accepts the usual spellings: ``zh-CN``, ``zh_Hans``, ``zh-SG`` (simplified); ``zh-TW``,
    ``zh_Hant``, ``zh-HK``, ``zh-MO`` (traditional); ``en_US``, ``en-GB`` ...; case-insensitive.
    """
    if not code:
        return None
    c = str(code).strip().replace("-", "_").split(".")[0].lower()
    if c in ("en", "c", "posix") or c.startswith("en_"):
        return "en"
    if c == "zh" or c.startswith(("zh_cn", "zh_sg", "zh_hans", "zh_my")):
        return "zh_CN"
    if c.startswith(("zh_tw", "zh_hk", "zh_mo", "zh_hant")):
        return "zh_TW"
    return None


def system_language() -> str:
    """The system locale's language if the Atlas has it, else English.

    Reads ``QLocale.system()``: Chinese in the Traditional script (Taiwan, Hong Kong, Macao) gives
    ``zh_TW``, other Chinese ``zh_CN``.
    """
    from PySide6.QtCore import QLocale

    loc = QLocale.system()
    if loc.language() == QLocale.Language.Chinese:
        if loc.script() == QLocale.Script.TraditionalChineseScript or loc.territory() in (
            QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macao):
            return "zh_TW"
        return "zh_CN"
    return "en"


def remembered_language() -> str | None:
    """The language saved from View > Language, or None."""
    from PySide6.QtCore import QSettings

    return normalize(QSettings().value(SETTINGS_KEY, None))


def remember_language(code: str) -> None:
    """Save the language for the next start (View > Language).

    Raises
    ------
    ValueError
        ``code`` is not one of :data:`LANGUAGES`.
    """
    from PySide6.QtCore import QSettings

    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}: expected one of {', '.join(LANGUAGES)}")
    QSettings().setValue(SETTINGS_KEY, code)


def choose_language(requested: str | None = None) -> str:
    """The language to start in: ``requested`` (``--lang``), else the remembered one, else the
    system locale's.

    Raises
    ------
    ValueError
        ``requested`` is given and is not a language of the Atlas.
    """
    if requested is not None:
        code = normalize(requested)
        if code is None:
            raise ValueError(f"unknown language {requested!r}: expected one of {', '.join(LANGUAGES)}")
        return code
    return remembered_language() or system_language()


_installed: list = []  # the translators in use (kept alive: Qt does not own them)
_current = {"code": "en"}


def current() -> str:
    """The language the interface is in now (the last :func:`install`; ``"en"`` before any)."""
    return _current["code"]


def catalogue_path(code: str) -> Path:
    """The compiled catalogue (``.qm``) of a translated language."""
    return I18N_DIR / f"atlas_{code}.qm"


def install(app, code: str) -> str:
    """Install the translators of language ``code`` on ``app`` (a QCoreApplication): the Atlas's
    catalogue and Qt's own (``qtbase``), replacing those of an earlier call.

    Parameters
    ----------
    app : QCoreApplication
    code : str
        ``"en"``, ``"zh_CN"`` or ``"zh_TW"``.

    Returns
    -------
    str
        The language now in use (``"en"`` when the catalogue is missing or unreadable).
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _current["code"] = "en"
    if code not in TRANSLATED:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return "en"
    atlas = QTranslator()
    if not atlas.load(str(catalogue_path(code))):
        return "en"
    _current["code"] = code
    qt = QTranslator()
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(atlas)
    _installed.append(atlas)
    QLocale.setDefault(QLocale(code))
    return code


def tr(context: str, text: str) -> str:
    """``QCoreApplication.translate(context, text)``, for code that is not a QObject. Note that
    ``pyside6-lupdate`` only extracts literal ``QCoreApplication.translate("Ctx", "...")`` calls;
    this helper is for texts extracted elsewhere (e.g. ``QT_TRANSLATE_NOOP`` tables)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def sources() -> list[Path]:
    """The Python files whose strings are translated (every module of ``desktop/``)."""
    here = Path(__file__).resolve().parent
    return sorted(p for p in here.glob("*.py") if p.name != "__init__.py")


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else f"pyside6-{name}"


def update(compile_only: bool = False) -> list[Path]:
    """Refresh the ``.ts`` sources from the code (``pyside6-lupdate``, obsolete messages dropped)
    and compile them to ``.qm`` (``pyside6-lrelease``). Returns the ``.qm`` files written.

    Raises
    ------
    subprocess.CalledProcessError
        A Qt tool failed.
    """
    out = []
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    for code in TRANSLATED:
        ts = I18N_DIR / f"atlas_{code}.ts"
        if not compile_only:
            subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none", "-target-language", code,
                            *map(str, sources()), "-ts", str(ts)], check=True, capture_output=True)
        qm = catalogue_path(code)
        subprocess.run([_tool("lrelease"), "-nounfinished", "-removeidentical", str(ts), "-qm", str(qm)],
                       check=True, capture_output=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    for path in update(compile_only="--compile" in sys.argv[1:]):
        print(f"wrote {path}")
