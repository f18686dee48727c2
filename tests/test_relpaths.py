"""Links between pages found without the working folder are the links posixpath.relpath gives."""

import posixpath

from hypothesis import given, strategies as st

from onrecord.relpaths import relpath

# Paths of a few short components, with the `.`, `..`, doubled and trailing slashes normalising must handle.
_component = st.sampled_from(["a", "b", "index.md", ".", "..", "", ".x"])
_path = st.lists(_component, min_size=1, max_size=5).map("/".join).filter(bool)


@given(_path, _path)
def test_relative_link_between_any_two_paths_is_the_one_posixpath_gives(path, start):
    assert relpath(path, start) == posixpath.relpath(path, start)


def test_relative_link_from_a_transcript_to_a_speaker_climbs_out_of_its_folder():
    assert relpath("speakers/jane-doe.md", "transcripts/acme-2024-q1") == "../../speakers/jane-doe.md"
    assert relpath("transcripts/acme-2024-q1/", "transcripts/acme-2024-q1") == "."
