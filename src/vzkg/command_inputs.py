"""What a command reads: the bundled graph, the ontology and ``--data`` files, and the store
(``--store``) that holds them; free of click, so that the lean ``vzkg query``
(:mod:`vzkg.query_command`) shares it with the click commands."""

from __future__ import annotations

from . import console
from .errors import VzkgError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from collections.abc import Iterator

    from rdflib import Dataset

    from .bundled import Source
    from .engines import Store

#: the engine of ``--store`` unless told: measured 0.4-0.7 times rdflib's processor time
#: on the bundled graph (bench/README.md)
DEFAULT_STORE = "oxigraph"


class Sources:
    """The graphs a command works on, and how it may read them."""

    def __init__(
        self,
        files: tuple[str, ...],
        bundled: bool,
        allow_remote: bool,
        max_input_bytes: int | None,
        store: str | None = None,
    ) -> None:
        self.files = files
        self.bundled = bundled
        self.allow_remote = allow_remote
        self.max_input_bytes = max_input_bytes
        self.store = store

    def with_store(self, store: str | None) -> Sources:
        """The same inputs, held by *store* (a ``--store`` spec; None: the default)."""
        return Sources(self.files, self.bundled, self.allow_remote, self.max_input_bytes, store)

    def open(self, *, entailment: bool = True, timeout: float | None = None) -> Dataset | Store:
        """The graph as ``--store`` asks: the files in memory (Oxigraph by default, rdflib's
        Dataset for ``rdflib``); or a persistent store or a server, opened as it is."""
        from .engines import open_store

        spec = self.store or DEFAULT_STORE
        if spec == "rdflib":  # the Dataset itself: a store would hold a copy of it
            return self.load(entailment=entailment)
        if spec.startswith(("oxigraph:", "sparql:")):
            if self.files or not self.bundled:
                import click  # a usage error: only the click commands get here

                raise click.UsageError(
                    f"--data and --no-bundled choose what a store in memory holds; put files "
                    f"into {spec} with 'vzkg load' or 'vzkg push'"
                )
            return open_store(spec, entailment=entailment, timeout=timeout)
        store = open_store(spec)
        if self._filled(store, entailment):
            return store
        # by default only: Oxigraph would rewrite some literals ("+7"^^xsd:int as "7") or
        # cannot store a term, and a default must not change the user's data: rdflib keeps them
        store.close()
        return self.load(entailment=entailment)

    def _filled(self, store: Store, entailment: bool = True) -> bool:
        """Fill the in-memory *store*, saying what it changed; or, when it is the default
        engine and would change anything, say nothing and return False."""
        from .engines.oxigraph import OxigraphStore

        if not self.files and self.bundled and isinstance(store, OxigraphStore):
            from .bundled import fill_bundled  # no rdflib: what a cold query reads

            if fill_bundled(store, entailment=entailment):
                return True
        with console.held_log() as log:  # said once, by the engine that keeps the graph
            try:
                store.fill(self.inputs(), allow_remote=self.allow_remote, entailment=entailment)
            except VzkgError:
                if self.store is None:
                    return False  # rdflib's error, if it has one
                log.release()
                raise
            notes = getattr(store, "notes", ())
            if notes and self.store is None:
                return False
            log.release()
        console.warn(notes)
        return True

    def inputs(self, *more: str) -> Iterator[Source]:
        """The bundled graph (unless --no-bundled), the ontology, *more* and the --data files."""
        from .input_files import sources  # without rdflib: a Store may read the files itself

        return sources(
            *more, *self.files, bundled=self.bundled, max_input_bytes=self.max_input_bytes
        )

    def load(self, *more: str, entailment: bool = True) -> Dataset:
        from .store import read_dataset

        return read_dataset(
            self.inputs(*more), allow_remote=self.allow_remote, entailment=entailment
        )
