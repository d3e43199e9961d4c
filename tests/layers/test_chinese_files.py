"""Chinese data files just work (issue 13 item 4, first slice): coordinate columns named 经度/纬度
or 东经/北纬 (simplified or traditional), a 名称 name column, a Chinese date column (投产, 时间)
found as the time field and its "2020年5月" values parsed, in UTF-8 and GBK."""

import numpy as np
import pytest

from asean_atlas.layers.io import read_layer
from asean_atlas.layers.search import search

ROWS = "南宁信息港,108.32,22.82,2020年5月\n曼谷站,100.5,13.75,2019年\n"


@pytest.mark.parametrize("header,codec", [
    ("名称,经度,纬度,投产", "utf-8"),
    ("名称,经度,纬度,投产", "gbk"),
    ("名稱,東經,北緯,時間", "big5"),
])
def test_chinese_columns_give_points_names_and_dates(tmp_path, header, codec):
    rows = ROWS if codec != "big5" else "南寧資訊港,108.32,22.82,2020年5月\n曼谷站,100.5,13.75,2019年\n"
    path = tmp_path / "sites.csv"
    path.write_bytes((header + "\n" + rows).encode(codec))
    layer = read_layer(path, cache=False)
    assert layer.feature_count == 2
    xy = np.column_stack([layer.frame.geometry.x, layer.frame.geometry.y])
    assert np.allclose(xy, [[108.32, 22.82], [100.5, 13.75]])
    name, _, _, when = header.split(",")
    assert layer.temporal is not None and layer.temporal.start_field == when
    starts = layer.start_dates
    assert str(starts[0])[:7] == "2020-05" and str(starts[1])[:4] == "2019"
    assert layer.frame[name].iloc[1] == "曼谷站"
    assert [h.row for h in search([layer], "曼谷")] == [1]
