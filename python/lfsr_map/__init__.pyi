from ._lfsr_map import MAX_WORKERS as MAX_WORKERS
from ._lfsr_map import Analysis as Analysis
from ._lfsr_map import Factor as Factor
from ._lfsr_map import IdleTimeoutPool as IdleTimeoutPool
from ._lfsr_map import LfsrMapError as LfsrMapError
from ._lfsr_map import PoolClosedError as PoolClosedError
from ._lfsr_map import ScopedPool as ScopedPool
from ._lfsr_map import SequentialPool as SequentialPool
from ._lfsr_map import WorkerPool as WorkerPool
from ._lfsr_map import __version__ as __version__
from ._lfsr_map import analyze as analyze
from ._lfsr_map import analyze_many as analyze_many
from ._lfsr_map import berlekamp_massey as berlekamp_massey
from ._lfsr_map import census as census
from ._lfsr_map import census_merge as census_merge
from ._lfsr_map import census_part as census_part
from ._lfsr_map import find as find
from ._lfsr_map import get_worker_pool as get_worker_pool
from ._lfsr_map import poly as poly
from ._lfsr_map import sequence as sequence
from ._lfsr_map import shutdown_worker_pool as shutdown_worker_pool

__all__: list[str]
