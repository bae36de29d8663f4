from typing import List, Dict, Optional, Union, Any, Tuple, Callable, TypeVar
from dataclasses import dataclass, field

class A: pass
print(List[int], Dict[str, List[float]], Optional[int], Union[int, str], Any, Tuple[int, ...], Callable[[int], str], List[A], List)
print(Optional[Union[int, str]], Union[int], List['A'], Union[int, None], TypeVar('T'))

def mean(xs: List[float], weights: Optional[List[float]] = None) -> float:
    if weights is None:
        return sum(xs) / len(xs)
    return sum(x * w for x, w in zip(xs, weights)) / sum(weights)

@dataclass
class Run:
    name: str
    losses: List[float] = field(default_factory=list)
    meta: Dict[str, Any] = field(default_factory=dict)
    best: Optional[float] = None

r = Run("exp1")
r.losses += [0.5, 0.25]
print(mean([1.0, 2.0, 3.0]), mean([1.0, 3.0], [3.0, 1.0]), r, Run.__annotations__['losses'])
