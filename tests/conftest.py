"""Settings for the whole suite."""

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The date reader's index cache goes to a folder of the run's own, not the user's cache folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield
