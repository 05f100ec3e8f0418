"""The five raw articles are kept byte for byte as collected."""

import hashlib
from pathlib import Path

from conftest import REPO

# Recorded when the seeds were copied from shared/seeds; a changed seed fails here.
RECORDED_SHA256 = {
    "000_acd483dee9c6b4e7.txt": "f36f2f1d90efee3820114dbbba7db2c057e24b357c9c52d1b05232c55cce28b0",
    "001_cf9a69334054b8ad.txt": "ffd55e2a6cb1ab4dc6845f3b96ec8a29dcd87af7067f087db0fc7d53aade8878",
    "002_3647533dbe59f04f.txt": "e74dbb41d09841b65cb85962f92292568207017cec777cd9183e138ac405b741",
    "003_cb43b14984860ea7.txt": "4c4b6390c94034dfbc1865140888e6822871a5aadaae05f9a9db535038f720d2",
    "004_508489a84c2a7251.txt": "a0c4fa308dd053ca2e7e65646dc1413a0dfa6fd1e8744c1bf729284eeb2dc402",
}


def test_seed_folder_holds_exactly_the_five_recorded_articles():
    found = {p.name for p in (REPO / "seeds").glob("*.txt")}
    assert found == set(RECORDED_SHA256)


def test_every_seed_matches_its_recorded_checksum():
    for name, digest in RECORDED_SHA256.items():
        assert hashlib.sha256((REPO / "seeds" / name).read_bytes()).hexdigest() == digest, name


def test_checksum_file_agrees_with_the_recorded_list():
    lines = (REPO / "seeds" / "SHA256SUMS").read_text().split("\n")
    listed = dict(reversed(line.split("  ")) for line in lines if line.strip())
    assert listed == RECORDED_SHA256


def test_seeds_are_identical_to_the_shared_originals_when_present():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        shared = Path("/work/shared/seeds")
    for name in RECORDED_SHA256:
        original = shared / name
        if original.exists():
            assert original.read_bytes() == (REPO / "seeds" / name).read_bytes(), name


def test_seeds_readme_names_every_seed_and_its_outlet():
    readme = (REPO / "seeds" / "README.md").read_text(encoding="utf-8")
    for name in RECORDED_SHA256:
        assert name in readme
    for outlet in ["Bloomberg", "Korea JoongAng Daily", "The Korea Herald", "aggregator"]:
        assert outlet in readme
