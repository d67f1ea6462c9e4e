"""The analysts' notebooks (the jupytext scripts in this folder, opened by `make lab`) and what
turns them into pages: the renderer (`render.py`, a Jupyter kernel per notebook), the chart and
table helpers the notebooks call, the Chinese labels of stored codes, and the offline template."""
