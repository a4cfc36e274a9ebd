"""jieba's word graph and best route, computed as jieba 0.42.1 computes them, in less time.

Segmenting the Chinese search index with jieba is about a quarter of the Chinese build's
processor time, most of it in Tokenizer.get_DAG and Tokenizer.calc. calc takes the logarithm of
a word's frequency each time it meets the word (millions of times at 1,000 guides); here each
word's `log(freq or 1) - log(total)` is taken once, and the sums are made in jieba's order, so
every float, every route and so every word is the same (tests/test_build_speedups.py compares
the index with Material's own). Used by search_worker.py in `mkdocs build` only;
SELLER_CHECKLISTS_PLAIN_SEARCH=1 leaves jieba as it is.
"""

from __future__ import annotations

import types
from math import log

_SPED_UP = ("get_DAG", "calc")


def _get_dag(self, sentence):
    """Tokenizer.get_DAG, with the dictionary looked up through a local name."""
    freq = self.FREQ
    dag = {}
    n = len(sentence)
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k:i + 1]
        if not ends:
            ends.append(k)
        dag[k] = ends
    return dag


def _calc(self, sentence, dag, route):
    """Tokenizer.calc: route[idx] = max((log(FREQ.get(word) or 1) - logtotal + route[x + 1][0], x)),
    with each word's first two terms taken from `self._sc_log_freq` (the same subtraction)."""
    log_freq, missing = self._sc_log_freq
    get = log_freq.get
    n = len(sentence)
    route[n] = (0, 0)
    for idx in range(n - 1, -1, -1):
        best = None
        for x in dag[idx]:
            candidate = (get(sentence[idx:x + 1], missing) + route[x + 1][0], x)
            if best is None or candidate > best:  # max() keeps the first of equals: so does this
                best = candidate
        route[idx] = best


def speed_up(tokenizer) -> None:
    """Give `tokenizer` (jieba.dt) the two methods above, with its log frequencies."""
    tokenizer.check_initialized()
    total = log(tokenizer.total)
    tokenizer._sc_log_freq = ({word: log(count or 1) - total for word, count in tokenizer.FREQ.items()},
                              log(1) - total)
    for name, method in zip(_SPED_UP, (_get_dag, _calc)):
        setattr(tokenizer, name, types.MethodType(method, tokenizer))


def restore(tokenizer) -> None:
    """Back to jieba's own methods."""
    for name in (*_SPED_UP, "_sc_log_freq"):
        tokenizer.__dict__.pop(name, None)
