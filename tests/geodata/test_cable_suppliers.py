"""Cable system suppliers (issue 10 item 3): from TeleGeography's per-cable JSON of the Nov 2022
release for the release cables, from the cited announcement for newer ones."""


from asean_atlas.geodata.build import read_source
from asean_atlas.geodata.builtin import load_builtin_layer


def _cables():
    return load_builtin_layer("cables")


def test_source_table_is_clean():
    sup = read_source("cable_suppliers.csv")
    assert sup["id"].is_unique
    cables = set(read_source("cables.csv")["id"]) | set(read_source("cables_since_2022.csv")["id"])
    assert set(sup["id"]) <= cables
    assert (sup["source"] != "").all() and sup["source_url"].str.startswith("https://").all()
    # "; "-joined names, no commas left from the release's ", " lists
    assert not sup["suppliers"].str.contains(",").any()


def test_suppliers_in_the_layer():
    f = _cables().set_index("id")
    assert f.at["apcn-2", "suppliers"] == "NEC"
    assert f.at["southeast-asia-japan-cable-2-sjc2", "suppliers"] == "NEC"
    assert f.at["sea-h2x", "suppliers"] == "HMN Tech"
    assert f.at["asia-africa-europe-1-aae-1", "suppliers"] == "NEC; SubCom"
    assert f.at["candle", "suppliers"] == "NEC"  # from the 2025 supply announcement
    assert f.at["apricot", "suppliers"] == ""  # the release names none; nothing invented
    named = (f["suppliers"] != "").sum()
    assert 55 <= named <= len(f)
    hmn = f.index[f["suppliers"].str.contains("HMN Tech")]
    assert len(hmn) >= 14  # HMN Tech (ex-Huawei Marine) as supplier: a figure issue 14 needs


def test_every_release_cable_row_has_a_supplier_row():
    sup = read_source("cable_suppliers.csv").set_index("id")
    release = read_source("cables.csv")["id"]
    assert set(release) <= set(sup.index)
    assert sup.loc[list(release), "source"].str.contains("0d684b2").all()
