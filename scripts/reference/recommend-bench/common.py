"""Shared loading for the recommender benchmark baselines: reads the raw int32 files written by
bench/recommend-data.ts (writeRaw) into a scipy.sparse CSR user x item matrix of ones."""
import json
import os
import sys

import numpy as np
import scipy.sparse as sp


def load(folder):
    shape = json.load(open(os.path.join(folder, 'shape.json')))
    users = np.fromfile(os.path.join(folder, 'users.i32'), dtype='<i4')
    items = np.fromfile(os.path.join(folder, 'items.i32'), dtype='<i4')
    x = sp.csr_matrix((np.ones(len(users), dtype=np.float64), (users, items)), shape=(shape['nUsers'], shape['nItems']))
    x.sum_duplicates()
    return x


def blas_name():
    """Which BLAS numpy is linked to (reference BLAS vs OpenBLAS changes dense timings by 10x or more)."""
    try:
        from threadpoolctl import threadpool_info
        infos = [i for i in threadpool_info() if i.get('user_api') == 'blas']
        if infos:
            return '%s %s (%s threads)' % (infos[0].get('internal_api'), infos[0].get('version') or '', infos[0].get('num_threads'))
    except ImportError:
        pass
    try:
        cfg = np.show_config(mode='dicts')
        return cfg['Build Dependencies']['blas']['name']
    except Exception:
        info = getattr(np.__config__, 'blas_opt_info', {}) or {}
        if 'blas' in info.get('libraries', []):
            # Debian's numpy links the system libblas.so.3, whichever alternative is selected
            return 'system libblas.so.3 -> ' + os.path.realpath('/etc/alternatives/libblas.so.3-x86_64-linux-gnu')
        return ','.join(info.get('libraries', [])) or 'unknown'


def report(result):
    """Prints one JSON line (the benchmark reads the last line of stdout)."""
    result['numpy'] = np.__version__
    result['blas'] = blas_name()
    result['executable'] = sys.executable
    result['python'] = sys.version.split()[0]
    try:
        import scipy
        result['scipy'] = scipy.__version__
    except ImportError:
        pass
    print(json.dumps(result))
