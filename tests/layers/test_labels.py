"""Label placement (issue 11 item 1): no overlaps, obstacles kept clear, priorities, lines."""

import numpy as np

from asean_atlas.layers.labels import LabelCandidate, boxes_overlap, label_text, place_labels


def test_dense_points_never_overlap_and_priority_wins():
    rng = np.random.default_rng(1)
    cands = [LabelCandidate(f"site {i}", 60, 14, priority=float(i % 3), x=float(x), y=float(y), radius=4)
             for i, (x, y) in enumerate(rng.uniform(0, 400, (300, 2)))]
    placed = place_labels(cands, 400, 400)
    assert 10 < len(placed) < 300 and not boxes_overlap(placed)
    assert all(0 <= p.box[0] and p.box[2] <= 400 and 0 <= p.box[1] and p.box[3] <= 400 for p in placed)
    # thinning by priority: the share placed falls with the priority
    share = [sum(p.candidate.priority == k for p in placed) / sum(c.priority == k for c in cands) for k in (2, 1, 0)]
    assert share[0] > share[1] > share[2]


def test_a_label_keeps_off_markers_and_prefers_the_right():
    c = LabelCandidate("Nanning", 50, 12, 10, x=100, y=100, radius=5)
    (p,) = place_labels([c], 300, 300)
    assert p.box[0] >= 105 and abs(p.cy - 100) < 1  # right of the marker, same height
    # a marker on the right: the label goes left
    (q,) = place_labels([c], 300, 300, obstacles=np.array([[110, 90, 130, 110]]))
    assert q.box[2] <= 95
    # fenced in on every side: dropped, never drawn over a marker
    fence = np.array([[0, 0, 300, 94], [0, 106, 300, 300], [0, 0, 95, 300], [105, 0, 300, 300]])
    assert place_labels([c], 300, 300, obstacles=fence) == []


def test_zooming_out_thins_labels():
    pts = np.random.default_rng(2).uniform(0, 1, (200, 2))
    def count(size):
        cands = [LabelCandidate("label", 40, 12, 5, x=float(x * size), y=float(y * size), radius=3) for x, y in pts]
        return len(place_labels(cands, size, size))
    assert count(200) < count(800) < count(3200)


def test_line_label_follows_the_line_upright():
    path = np.array([[50, 250], [350, 50]], dtype=float)  # rising to the right
    c = LabelCandidate("SJC2", 40, 12, 4, path=path)
    (p,) = place_labels([c], 400, 300)
    assert abs(p.angle - np.degrees(np.arctan2(-200, 300))) < 0.5  # along the line
    assert abs(p.cx - 200) < 2 and abs(p.cy - 150) < 2  # at its middle
    back = LabelCandidate("SJC2", 40, 12, 4, path=path[::-1])
    (b,) = place_labels([back], 400, 300)
    assert -90 <= b.angle <= 90 and abs(b.angle - p.angle) < 0.5  # never upside down
    # a line too short for its text, or outside the view, gets no label
    assert place_labels([LabelCandidate("long name", 200, 12, 4, path=np.array([[0, 0], [50, 50]], float))], 400, 300) == []
    assert place_labels([LabelCandidate("x", 10, 12, 4, path=np.array([[-100, -100], [-50, -50]], float))], 400, 300) == []


def test_label_text_is_cleaned():
    assert label_text("Nanning hub", "南宁") == "Nanning hub (南宁)"
    assert label_text("A", "A") == "A" and label_text(None, "B") == "B" and label_text(float("nan")) == ""
    assert label_text("a\x00b\nc\u2028d") == "a b c d"
    assert len(label_text("x" * 500)) == 80


def test_label_text_drops_bidi_overrides_and_cuts_first():
    assert label_text("\u202eevil\u202c") == "evil"
    assert len(label_text("x" * 10_000_000)) == 80
