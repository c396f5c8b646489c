"""Running the pipeline: the executors (this process, forked workers, Dask) and the check's driver.

``executor`` maps a function over plain-data items for ``audit`` (articles, stories);
``fork`` is the pool of forked workers both ``check`` and ``audit`` use; ``check`` splits a
fact set, solves its components (``options`` holds what a check needs) and ``assemble``
turns their results into a Report.
"""
