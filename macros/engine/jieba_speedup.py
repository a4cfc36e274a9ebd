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

import re
import types
from math import log

from jieba import finalseg

_SPED_UP = ("get_DAG", "calc", "_Tokenizer__cut_DAG")


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


def _route(self, sentence):
    """calc(sentence, get_DAG(sentence), route) in one pass, without the graph: the words that
    start at each place are found, and weighed, in get_DAG's order."""
    freq = self.FREQ
    log_freq, missing = self._sc_log_freq
    n = len(sentence)
    route = {n: (0, 0)}
    for idx in range(n - 1, -1, -1):
        best = None
        i, frag = idx, sentence[idx]
        while i < n and frag in freq:
            if freq[frag]:
                candidate = (log_freq[frag] + route[i + 1][0], i)
                if best is None or candidate > best:
                    best = candidate
            i += 1
            frag = sentence[idx:i + 1]
        route[idx] = best if best is not None else (log_freq.get(sentence[idx], missing) + route[idx + 1][0], idx)
    return route


def _cut_dag(self, sentence):
    """Tokenizer.__cut_DAG (the HMM cut Material asks for), on the route above."""
    route = _route(self, sentence)
    freq_get = self.FREQ.get
    x, buf, n = 0, "", len(sentence)
    while x < n:
        y = route[x][1] + 1
        l_word = sentence[x:y]
        if y - x == 1:
            buf += l_word
        else:
            if buf:
                yield from _unknown(buf, freq_get)
                buf = ""
            yield l_word
        x = y
    if buf:
        yield from _unknown(buf, freq_get)


def _unknown(buf: str, freq_get):
    """A run of single characters, as __cut_DAG yields it: alone, as the HMM reads it, or one by one."""
    if len(buf) == 1:
        yield buf
    elif not freq_get(buf):
        yield from finalseg.cut(buf)
    else:
        yield from buf


#: what jieba.cut takes as one block of Chinese (re_han_default), as a test of a whole run
_ONE_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+")


def cut_run(tokenizer, run: str):
    """jieba.cut(run) for a run of Han characters: the block cut straight away when jieba would
    take the whole run as one block (no decoding, no splitting), else jieba.cut itself."""
    if "_sc_log_freq" in tokenizer.__dict__ and _ONE_BLOCK.fullmatch(run):
        return _cut_dag(tokenizer, run)
    return tokenizer.cut(run)


def speed_up(tokenizer) -> None:
    """Give `tokenizer` (jieba.dt) the methods above, with its log frequencies."""
    tokenizer.check_initialized()
    total = log(tokenizer.total)
    tokenizer._sc_log_freq = ({word: log(count or 1) - total for word, count in tokenizer.FREQ.items()},
                              log(1) - total)
    for name, method in zip(_SPED_UP, (_get_dag, _calc, _cut_dag)):
        setattr(tokenizer, name, types.MethodType(method, tokenizer))


def restore(tokenizer) -> None:
    """Back to jieba's own methods."""
    for name in (*_SPED_UP, "_sc_log_freq"):
        tokenizer.__dict__.pop(name, None)
