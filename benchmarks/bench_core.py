"""Time the pure-Python core on the seed documents: parse, check, score.

Run: .venv/bin/python benchmarks/bench_core.py [--repeat N]
Prints the median time per call of each step for each seed, and the ratio of a full
parse + check to simply reading the file.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from itaplan.domain import criteria
from itaplan.domain.checking import check_parsed
from itaplan.domain.parsing import parse_result_text
from itaplan.domain.scoring import assess, score_impact

ROOT = Path(__file__).resolve().parents[1]
SEED_DIRS = [ROOT / "itaplan" / "demo" / "seeds", ROOT.parent / "shared" / "seeds"]


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    repeat = parser.parse_args().repeat
    seed_dir = next(d for d in SEED_DIRS if d.is_dir())
    seeds = sorted(seed_dir.glob("0*.txt"))

    criteria.load.cache_clear()
    cold = median_seconds(lambda: (criteria.load.cache_clear(), criteria.load_all()), 5)
    print(
        f"load and validate all {len(criteria.available_years())} criteria files: {cold * 1e3:.1f} ms"
    )

    print(f"{'seed':<28}{'bytes':>8}{'read µs':>10}{'parse ms':>10}{'check ms':>10}{'ratio':>8}")
    total_parse = total_check = 0.0
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        read = median_seconds(functools.partial(path.read_text, encoding="utf-8"), repeat)
        parse = median_seconds(functools.partial(parse_result_text, text), repeat)
        parsed = parse_result_text(text)
        year = parsed.fiscal_year or 2568
        framework = criteria.load(year)
        check = median_seconds(functools.partial(check_parsed, parsed, framework), repeat)
        total_parse += parse
        total_check += check
        ratio = (parse + check) / read
        print(
            f"{path.name:<28}{len(text.encode()):>8}{read * 1e6:>10.1f}"
            f"{parse * 1e3:>10.2f}{check * 1e3:>10.3f}{ratio:>7.0f}x"
        )
    print(f"all seeds: parse {total_parse * 1e3:.2f} ms, check {total_check * 1e3:.3f} ms")

    framework = criteria.load(2568)
    indicators = {n: 90.0 + n / 10 for n in range(1, 11)}
    items = {item.code: 100.0 for item in framework.items}
    scoring = median_seconds(lambda: score_impact(assess(framework, indicators, items)), repeat)
    print(f"assess + score_impact, FY2568 with 52 items: {scoring * 1e6:.0f} µs")
    parse_growth(repeat)


#: Triggers of each reader, repeated into large texts: the time per byte must not grow
#: with the size (a ratio near 4 for 4× the text), or a pattern backtracks.
TRIGGERS = (
    "ได้รับคะแนน ", "ปี 2567 ", "ระดับ ", "| ", "2565 | 90.22 | A |\n", "ITA score was ",
    "ตำรำง", "ํา", "\t98.10", "อบต.ก\t", "ตัวชี้วัดที่ 1 ",
)  # fmt: skip


def parse_growth(repeat: int) -> None:
    print(f"{'repeated trigger':<24}{'50 kB ms':>10}{'200 kB ms':>11}{'ratio':>7}")
    for unit in TRIGGERS:
        small, large = (unit * (size // len(unit)) for size in (50_000, 200_000))
        t_small = median_seconds(functools.partial(parse_result_text, small), max(1, repeat // 10))
        t_large = median_seconds(functools.partial(parse_result_text, large), max(1, repeat // 10))
        print(f"{unit!r:<24}{t_small * 1e3:>10.1f}{t_large * 1e3:>11.1f}{t_large / t_small:>7.1f}")


if __name__ == "__main__":
    main()
