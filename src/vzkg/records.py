"""Frozen records that behave as frozen dataclasses, without importing :mod:`dataclasses`.

``dataclasses`` imports ``inspect`` (``ast``, ``dis``, ``tokenize``…) and writes each class's
methods with ``exec``: a sixth of a cold ``vzkg query``. A :class:`Record` has the same repr,
equality, hash and refusal to change as ``@dataclass(frozen=True)``, and answers the
``dataclasses`` functions (``replace``, ``fields``, ``asdict``, ``is_dataclass``) through the
fields of a dataclass made for it on first use. A subclass lists its fields in order in
``_fields`` (those equality ignores in ``_uncompared``) and sets each in its ``__init__``
with :meth:`_set`; its ``__init__`` declares the defaults.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (a cold query)
if TYPE_CHECKING:
    from dataclasses import Field
    from typing import Self


class _DataclassFields:
    """``__dataclass_fields__``, made on first use from a dataclass of the same fields."""

    def __get__(self, instance: object, owner: type[Record]) -> dict[str, Field[object]]:
        import dataclasses
        import inspect

        found = owner.__dict__.get("_dataclass_fields")
        if found is None:
            defaults = inspect.signature(owner.__init__).parameters
            specs = []
            for name in owner._fields:
                default = defaults[name].default
                kept = {} if default is inspect.Parameter.empty else {"default": default}
                compare = name not in owner._uncompared
                specs.append((name, object, dataclasses.field(compare=compare, **kept)))
            twin = dataclasses.make_dataclass(owner.__name__, specs, frozen=True)
            found = twin.__dataclass_fields__  # type: ignore[attr-defined]
            type.__setattr__(owner, "_dataclass_fields", found)
        return found  # type: ignore[no-any-return]


class Record:
    """Base class of the frozen records (see the module's documentation)."""

    _fields: tuple[str, ...] = ()
    _uncompared: frozenset[str] = frozenset()
    __dataclass_fields__ = _DataclassFields()

    def _set(self, **values: object) -> None:
        """Set the fields' values, in ``__init__`` only."""
        self.__dict__.update(values)

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields if name not in self._uncompared)

    def __init_subclass__(cls) -> None:
        type.__setattr__(cls, "__match_args__", cls._fields)  # as a dataclass's, for ``match``

    def _replace(self, **changes: object) -> Self:
        """A copy with *changes*, as ``dataclasses.replace`` makes one (named as a named
        tuple's: the underscore keeps it apart from the fields)."""
        values = {name: getattr(self, name) for name in self._fields}
        return type(self)(**{**values, **changes})

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined, no-any-return]

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")
