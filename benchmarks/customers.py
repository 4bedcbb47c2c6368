"""Customer book benchmark on a generated store of 100,000 customers and 300,000 contacts.

Prints one JSON object per line: ``{"metric": NAME, "value": NUMBER, "unit": UNIT}``.
Run: ``python benchmarks/customers.py`` (see benchmarks/README.md for what each figure means).

The store is generated once (≈ 1–2 min, mostly pinyin for the search index) and cached under
``bench-data/customers-<STORE_VERSION>/``; bump STORE_VERSION whenever the generator changes.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STORE_VERSION = "v2"  # v2: search documents numbered in list order
CUSTOMERS = 100_000
CONTACTS = 300_000
SEED = 20261123
ROUNDS = 5  # measured passes over QUERIES (after one warm-up pass)
PAGE = 200  # the list model's page size

# The fixed query mix: what a user has typed so far. The Chinese ones are substrings of names
# (companies and contacts) in the generated store, the pinyin ones spell parts of names that
# exist, the digits are fragments of phone numbers that exist; main() checks each finds rows.
QUERIES: tuple[str, ...] = (
    # 1 character
    "墙", "建", "州", "鑫", "王", "涛", "锦", "沈",
    # 2 characters
    "建材", "墙煌", "杭州", "幕墙", "张伟", "宏达", "铝业", "彩钢",
    # 3 characters
    "墙煌建", "杭州墙", "钢结构", "有限责", "装饰材", "佛山金", "华美门", "净化设",
    # 4 characters
    "墙煌建材", "苏州恒通", "金属制品", "幕墙工程", "东莞鑫源", "成都天成", "家电配件", "宁波华美",
    # pinyin initials
    "qhjc", "hz", "gjg", "hmmc", "szht", "cdtc", "mqgc",
    # full pinyin (prefixes of what is typed)
    "qianghuang", "hangzhou", "jianc", "xinyuan", "zhangwei", "mu", "foshanj",
    # phone fragments
    "0571", "138", "0755-8", "1391", "02087", "8001",
)


def emit(metric: str, value: float, unit: str) -> None:
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


# --- the generated store --------------------------------------------------------------------

EXTRA_CITIES: dict[str, list[tuple[str, str, str]]] = {
    "华东": [("浙江", "温州", "0577"), ("浙江", "绍兴", "0575"), ("江苏", "南京", "025"),
             ("江苏", "常州", "0519"), ("江苏", "南通", "0513"), ("山东", "青岛", "0532"),
             ("山东", "烟台", "0535"), ("安徽", "芜湖", "0553"), ("浙江", "金华", "0579")],
    "华南": [("广东", "深圳", "0755"), ("广东", "中山", "0760"), ("广东", "珠海", "0756"),
             ("福建", "泉州", "0595"), ("福建", "福州", "0591"), ("广西", "南宁", "0771")],
    "华北": [("河北", "保定", "0312"), ("河北", "唐山", "0315"), ("山西", "太原", "0351")],
    "华中": [("湖北", "宜昌", "0717"), ("湖南", "株洲", "0731"), ("河南", "洛阳", "0379")],
    "西南": [("四川", "绵阳", "0816"), ("贵州", "贵阳", "0851")],
    "西北": [("宁夏", "银川", "0951"), ("新疆", "乌鲁木齐", "0991")],
    "东北": [("辽宁", "大连", "0411"), ("黑龙江", "哈尔滨", "0451")],
}
BRAND_CHARS = ("金盛华美恒通宏达鑫源永安博远中联天成瑞丰汇能嘉禾众新亚凯旋东方长城正泰银河海纳"
               "同创德信万富君诚亿家兴隆昌利和顺祥福康佳光明伟业腾飞星辉锦绣广宇卓越晨阳振")
MORE_TRADES = (("建筑材料", "建材"), ("铝塑板", "铝塑"), ("不锈钢", "不锈钢"), ("五金", "五金"),
               ("机电设备", "机电"), ("保温材料", "保温"), ("防水材料", "防水"), ("涂料", "涂料"),
               ("建设工程", "工程"), ("贸易", "贸易"), ("实业", "实业"), ("新材料", "新材"),
               ("装饰工程", "装饰"), ("门业", "门业"))
MORE_SURNAMES = ("蒋蔡贾丁魏薛叶阎余杜戴夏钟汪任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯"
                 "邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN_CHARS = ("伟芳娜敏静磊强军洋勇艳杰涛明超秀英华志海燕晓东文博子涵国庆春梅"
               "立新建平丽红玉兰刚浩宇欣怡")


def _uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _stamp(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(store: Path, backups: Path) -> dict[str, float]:
    """Creates the schema with the app's migrations, bulk-loads rows, builds the search index."""
    from salesdesk.db import search_index
    from salesdesk.db.migrate import upgrade
    from salesdesk.domain.customers import Category
    from salesdesk.domain.names import name_key
    from salesdesk.services import demo

    timings: dict[str, float] = {}
    t = time.perf_counter()
    upgrade(store, backups)
    rng = random.Random(SEED)
    now = datetime(2026, 11, 23, 9, 0, 0)

    cities: list[tuple[str, str, str, str]] = []  # region, province, city, area code
    for region, places in demo.REGIONS.items():
        cities += [(region, p, c, demo.AREA_CODES[c]) for p, c in places]
    for region, extra in EXTRA_CITIES.items():
        cities += [(region, p, c, a) for p, c, a in extra]
    # Busy cities appear more often, as in a real book.
    city_weights = [3.0 if i < len(demo.AREA_CODES) else 1.0 for i in range(len(cities))]
    brand_chars = list(dict.fromkeys(BRAND_CHARS))
    trades = list(demo.TRADES) + list(MORE_TRADES)
    surnames = list(dict.fromkeys(demo.SURNAMES + MORE_SURNAMES))
    given = list(demo.GIVEN) + list(GIVEN_CHARS)

    users: list[tuple[object, ...]] = []
    people = [("zhangwei", "张伟"), ("liuyang", "刘洋"), ("chenjing", "陈静"), ("wangfang", "王芳"),
              ("lina", "李娜"), ("zhaolei", "赵磊"), ("sunli", "孙丽"), ("zhoujie", "周杰"),
              ("wuqiang", "吴强"), ("hetao", "何涛"), ("guoyan", "郭艳"), ("linming", "林明")]
    for username, display in people:
        users.append((username, display, "sales", f"{username}@example.com",
                      f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}", 1, _uid(rng),
                      _stamp(now), _stamp(now), None, 0))
    users.append(("hq", "总部销售部", "hq", "", "", 1, _uid(rng), _stamp(now), _stamp(now), None,
                  0))
    user_ids = [u[6] for u in users[:-1]]

    categories = [c.value for c in Category]
    used: set[str] = set()
    customers: list[list[object]] = []
    for _ in range(CUSTOMERS):
        region, province, city, area = rng.choices(cities, city_weights)[0]
        for _attempt in range(8):
            if rng.random() < 0.15:
                brand = rng.choice(demo.BRANDS)
            else:
                brand = rng.choice(brand_chars) + rng.choice(brand_chars)
            trade, short_trade = rng.choice(trades)
            suffix = rng.choice(demo.SUFFIXES)
            shape = rng.random()
            if shape < 0.7:
                name = f"{city}{brand}{trade}{suffix}"
            elif shape < 0.85:
                name = f"{city}市{brand}{trade}{suffix}"
            else:
                name = f"{brand}{trade}（{city}）{suffix}"
            if name not in used:
                break
        used.add(name)
        created = now - timedelta(seconds=rng.randrange(3 * 365 * 86400))
        customers.append([
            name, f"{brand}{short_trade}", name_key(name), "",
            rng.choices(categories, [15, 55, 15, 10, 5])[0], None, 0, trade, region, province,
            city,
            f"{city}市{rng.choice(['高新区', '经济开发区', '工业园区'])}"
            f"{rng.choice(['创业路', '工业大道', '科技路', '滨江路'])}{rng.randint(1, 999)}号",
            f"{area}-{rng.randint(2, 8)}{rng.randrange(10**7):07d}",
            "", "", rng.choice([None, None, None, 7, 21]),
            rng.choice(user_ids) if rng.random() < 0.95 else None, "", "[]", "",
            _uid(rng), _stamp(created), _stamp(created), None, 0,
        ])
    # Sales: a Pareto book, then A/B/C by the 80/15/5 rule on trailing-12-month sales.
    for c in customers:
        if c[4] != "potential" and rng.random() < 0.7:
            c[6] = int(rng.paretovariate(1.16) * 3_000_000)  # fen
    ranked = sorted((c for c in customers if c[6]), key=lambda c: -int(c[6]))  # type: ignore[call-overload]  # column 6 holds an int here
    total = sum(int(c[6]) for c in ranked)  # type: ignore[call-overload]  # column 6 holds an int here
    running = 0
    for c in ranked:
        share = running / total
        c[5] = "A" if share < 0.80 else "B" if share < 0.95 else "C"
        running += int(c[6])  # type: ignore[call-overload]  # column 6 holds an int here

    counts = [rng.choice((1, 2, 3, 3, 4, 5)) for _ in range(CUSTOMERS)]
    i = 0
    while sum(counts) != CONTACTS:  # exactly CONTACTS rows, at least one per customer
        diff = CONTACTS - sum(counts)
        j = i % CUSTOMERS
        if diff > 0 and counts[j] < 6:
            counts[j] += 1
        elif diff < 0 and counts[j] > 1:
            counts[j] -= 1
        i += 7919
    contacts: list[tuple[object, ...]] = []
    for c, n in zip(customers, counts, strict=True):
        area = str(c[12]).split("-")[0]
        for j in range(n):
            person = rng.choice(surnames) + rng.choice(given)
            if rng.random() < 0.3:
                person += rng.choice(GIVEN_CHARS)
            landline = c[12] if j == 0 else (
                f"{area}-{rng.randint(2, 8)}{rng.randrange(10**7):07d}" if rng.random() < 0.3
                else "")
            contacts.append((
                c[20], person, rng.choice(demo.ROLES),
                f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}", landline,
                f"c{rng.randrange(10**8)}@example.cn" if rng.random() < 0.6 else "",
                f"wx_{rng.randrange(10**8)}" if rng.random() < 0.5 else "", int(j == 0), "",
                _uid(rng), c[21], c[22], None, 0))
    timings["generate_rows_s"] = time.perf_counter() - t

    t = time.perf_counter()
    conn = sqlite3.connect(str(store))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    with conn:
        conn.executemany(
            "INSERT INTO users (username, display_name, role, email, phone, active, id,"
            " created_at, updated_at, deleted_at, server_version)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)", users)
        conn.executemany(
            "INSERT INTO customers (name, short_name, name_key, sort_key, category, tier,"
            " sales_12m, industry, region, province, city, address, phone, email, website,"
            " visit_cadence_days, assigned_to_id, credit_terms, tags, notes, id, created_at,"
            " updated_at, deleted_at, server_version)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", customers)
        conn.executemany(
            "INSERT INTO contacts (customer_id, name, role, mobile, landline, email, wechat,"
            " is_primary, notes, id, created_at, updated_at, deleted_at, server_version)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", contacts)
    timings["insert_s"] = time.perf_counter() - t

    t = time.perf_counter()
    with conn:
        search_index.rebuild(conn)
    timings["index_s"] = time.perf_counter() - t
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return timings


def ensure_store() -> Path:
    """The cached benchmark data directory (holding salesdesk.sqlite3), built if missing."""
    data_dir = ROOT / "bench-data" / f"customers-{STORE_VERSION}"
    if (data_dir / "salesdesk.sqlite3").exists():
        from salesdesk.db import migrate

        store = data_dir / "salesdesk.sqlite3"
        if migrate.current_revision(store) != migrate.HEAD_REVISION:
            # A schema revision since the cache was built: upgrade it once, outside the timings
            # (and drop the safety copy, which only doubles the cache's size).
            result = migrate.upgrade(store, data_dir / "backups")
            if result.backup is not None:
                result.backup.unlink()
        return data_dir
    tmp = data_dir.with_name(data_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    timings = generate(tmp / "salesdesk.sqlite3", tmp / "backups")
    for key, value in timings.items():
        print(f"# store built: {key} = {value:.1f}", file=sys.stderr)
    tmp.rename(data_dir)
    return data_dir


# --- search ---------------------------------------------------------------------------------

# The naive alternative: scan both tables with LIKE (no ORDER BY, which would only make it
# slower: this is the cheapest form that returns the same customers).
LIKE_SQL = """
SELECT c.id, c.name FROM customers c
WHERE c.deleted_at IS NULL AND (
    c.name LIKE :q OR c.short_name LIKE :q OR c.phone LIKE :q
    OR c.id IN (SELECT k.customer_id FROM contacts k WHERE k.deleted_at IS NULL
                AND (k.name LIKE :q OR k.mobile LIKE :q OR k.landline LIKE :q)))
LIMIT :limit
"""


def measure_search(store: Path) -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    from salesdesk.domain.search_tokens import match_expression
    from salesdesk.services.customers.browse import CustomerBrowser
    from salesdesk.services.customers.records import CustomerQuery
    from salesdesk.ui.customers.table import CustomerTableModel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    browser = CustomerBrowser(store)
    model = CustomerTableModel(browser)
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    model.set_query(CustomerQuery())
    app.processEvents()

    raw = sqlite3.connect(str(store))
    like = sqlite3.connect(str(store))

    def raw_query(q: str) -> int:
        match = match_expression(q)
        return len(raw.execute("SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?"
                               " LIMIT ?", (match, PAGE)).fetchall())

    def like_query(q: str) -> int:
        pattern = f"%{q}%"
        return len(like.execute(LIKE_SQL, {"q": pattern, "limit": PAGE}).fetchall())

    # Every query must find something with our index (they are taken from data that exists).
    empty = []
    for q in QUERIES:
        model.set_query(CustomerQuery(text=q))
        if model.rowCount() == 0:
            empty.append(q)
    if empty:
        raise SystemExit(f"queries that find nothing (regenerate the mix?): {empty}")

    ours: list[float] = []
    raws: list[float] = []
    likes: list[float] = []
    full_pages: list[float] = []  # a whole fetchMore page (PAGE rows), for comparison
    worst: list[tuple[float, str]] = []
    for rnd in range(ROUNDS + 1):
        for q in QUERIES:
            t = time.perf_counter()
            model.set_query(CustomerQuery(text=q))
            dt = (time.perf_counter() - t) * 1000
            app.processEvents()  # the view repaints between keystrokes, as in the app
            t = time.perf_counter()
            raw_query(q)
            draw = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            browser.page(CustomerQuery(text=q), 0, PAGE)
            d200 = (time.perf_counter() - t) * 1000
            if rnd:
                ours.append(dt)
                raws.append(draw)
                full_pages.append(d200)
                worst.append((dt, q))
    for q in QUERIES:  # a LIKE scan takes ~0.1 s: one warm-up and two measured passes suffice
        like_query(q)
    for _ in range(2):
        for q in QUERIES:
            t = time.perf_counter()
            like_query(q)
            likes.append((time.perf_counter() - t) * 1000)
    worst.sort(reverse=True)
    print(f"# slowest searches (ms): {[(round(d, 2), q) for d, q in worst[:5]]}",
          file=sys.stderr)

    ours_p95, like_p95 = p95(ours), p95(likes)
    emit("search_p95_ms", ours_p95, "ms")
    emit("search_raw_p95_ms", p95(raws), "ms")
    emit("search_page200_p95_ms", p95(full_pages), "ms")
    emit("search_like_p95_ms", like_p95, "ms")
    emit("search_speedup", like_p95 / ours_p95, "x")
    view.close()
    model.set_query(CustomerQuery(text="\x00"))  # nothing
    browser.close()
    raw.close()
    like.close()


# --- first rows of the Customers page -------------------------------------------------------


def measure_first_rows(data_dir: Path) -> None:
    """From constructing the Customers page to its table's first paint with rows in it.

    The page is built as the main window builds it (services, runner, error reporter already
    exist in a running app), resized and shown; the clock stops in the paint event of the
    table's viewport once the model holds rows. Median of 5 openings after one warm-up.
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from salesdesk.paths import Paths
    from salesdesk.services.container import AppServices
    from salesdesk.settings import Settings
    from salesdesk.ui.customers.page import CustomersPage
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = Paths.default(data_dir)
    services = AppServices(paths, Settings.load(paths.settings))
    runner = TaskRunner()
    errors = ErrorReporter(paths.crash_reports)

    class PaintWatch(QObject):
        def __init__(self, rows: Callable[[], int]) -> None:
            super().__init__()
            self.painted_at: float | None = None
            self.rows = rows

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.painted_at is None and self.rows():
                self.painted_at = time.perf_counter()
            return False

    samples: list[float] = []
    for attempt in range(6):
        t = time.perf_counter()
        page = CustomersPage(services, runner, errors)
        watch = PaintWatch(page.model.rowCount)
        page.table.viewport().installEventFilter(watch)
        page.resize(1280, 760)
        page.show()
        deadline = time.perf_counter() + 5
        while watch.painted_at is None and time.perf_counter() < deadline:
            app.processEvents()
        if watch.painted_at is None:
            raise SystemExit("the Customers page never painted rows")
        if attempt:
            samples.append((watch.painted_at - t) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    emit("first_rows_ms", statistics.median(samples), "ms")
    services.close()


# --- typing in the search box of the real window --------------------------------------------

# What is typed, one key at a time after clearing the box: single digits and the commonest
# characters (each matches most of the book, so its count is the most expensive), then words as
# users type them. Chinese arrives as an input method's commit, one character per commit.
KEYSTROKE_WORDS: tuple[str, ...] = (
    "有", "公", "司", "限", "0", "1", "2", "8", "z",
    "墙煌建材", "杭州", "0571", "138", "qhjc", "hangzhou", "zhangwei", "钢结构", "幕墙工程",
    "02087", "jianc",
)
KEYSTROKE_ROUNDS = 3  # measured passes over KEYSTROKE_WORDS (after one warm-up pass)


def measure_keystrokes(data_dir: Path) -> None:
    """From a key event in the real main window's customer search box until the GUI thread is
    idle again, and until the count under the list shows the new query's number.

    "Idle" is when a zero-timer fires and no other event was delivered on the GUI thread since
    the previous one (an application-wide event filter counts them): the key event's handling,
    the first page, the table's relayout and repaint, and anything queued meanwhile are in; the
    wait for the next key is not. There is no debounce to exclude. Each key waits for the
    previous key's count to land, so the samples do not overlap.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from salesdesk.app import _load_fonts
    from salesdesk.paths import Paths
    from salesdesk.services.container import AppServices
    from salesdesk.settings import Settings
    from salesdesk.ui import i18n
    from salesdesk.ui.errors import ErrorReporter
    from salesdesk.ui.main_window import MainWindow
    from salesdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    i18n.install(app, "zh_CN")
    _load_fonts()

    class Window(MainWindow):
        def _refresh_tiers_after_start(self) -> None:
            """Not here: the generated store has no orders, so ranking would zero its sales."""

    class Activity(QObject):
        """Counts the events delivered on the GUI thread."""

        def __init__(self) -> None:
            super().__init__()
            self.events = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            self.events += 1
            return False

    paths = Paths.default(data_dir)
    services = AppServices(paths, Settings.load(paths.settings))
    runner = TaskRunner()
    window = Window(services, runner, ErrorReporter(paths.crash_reports))
    window.resize(1280, 800)
    window.show()
    services.warm_up()  # as the app does right after its first paint (on the writer thread)
    page = window.customers
    search = page.search
    search.setFocus()

    counts: list[tuple[float, int]] = []
    page.count_shown.connect(lambda n: counts.append((time.perf_counter(), n)))
    activity = Activity()
    app.installEventFilter(activity)
    loop = QEventLoop()
    tick = QTimer()
    tick.setSingleShot(True)
    tick.setInterval(0)
    fired: list[tuple[float, float]] = []  # (wall clock, this thread's CPU clock)

    def on_tick() -> None:
        fired.append((time.perf_counter(), time.thread_time()))
        loop.quit()

    tick.timeout.connect(on_tick)

    def one_round() -> int:
        """Events delivered in one pass of the event loop (the timer's own included)."""
        before = activity.events
        tick.start()
        loop.exec()
        return activity.events - before

    # A quiet round delivers only the timer's own events: learn how many that is.
    deadline = time.perf_counter() + 30
    while (runner.busy or not counts) and time.perf_counter() < deadline:
        one_round()
    quiet = min(one_round() for _ in range(20))

    def until_idle() -> tuple[float, float]:
        while one_round() > quiet:
            pass
        return fired[-1]

    def until_counted(timeout: float = 10.0) -> float | None:
        end = time.perf_counter() + timeout
        while not counts and time.perf_counter() < end:
            one_round()
            time.sleep(0.0005)
        return counts[-1][0] if counts else None

    busy: list[float] = []
    cpu: list[float] = []  # the GUI thread's CPU time over the same span
    counted: list[float] = []
    worst: list[tuple[float, str]] = []

    def press(label: str, send: Callable[[], None], measured: bool) -> None:
        until_idle()
        counts.clear()
        t, c = time.perf_counter(), time.thread_time()
        send()
        idle, idle_cpu = until_idle()
        landed = until_counted()
        if landed is None:
            raise SystemExit(f"no count shown after typing {label!r} ({search.text()!r})")
        if measured:
            busy.append((idle - t) * 1000)
            cpu.append((idle_cpu - c) * 1000)
            counted.append((landed - t) * 1000)
            worst.append(((idle - t) * 1000, label))

    def commit(char: str) -> None:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(search, event)

    for rnd in range(KEYSTROKE_ROUNDS + 1):
        for word in KEYSTROKE_WORDS:
            if search.text():
                search.selectAll()
                press("⌫", lambda: QTest.keyClick(search, Qt.Key.Key_Backspace), rnd > 0)
            for i, char in enumerate(word):
                typed = word[: i + 1]
                if char.isascii():
                    press(typed, functools.partial(QTest.keyClicks, search, char), rnd > 0)
                else:
                    press(typed, functools.partial(commit, char), rnd > 0)
    app.removeEventFilter(activity)
    worst.sort(reverse=True)
    print(f"# slowest keystrokes (ms to idle): {[(round(d, 1), q) for d, q in worst[:8]]}",
          file=sys.stderr)
    emit("keystroke_p95_ms", p95(busy), "ms")
    emit("keystroke_max_ms", max(busy), "ms")
    emit("keystroke_cpu_p95_ms", p95(cpu), "ms")
    emit("keystroke_count_p95_ms", p95(counted), "ms")
    emit("keystroke_count_max_ms", max(counted), "ms")
    window.customers.editor.load(None)
    window.close()


# --- start-up and memory (child processes) -------------------------------------------------

FLOOR_SCRIPT = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("SalesDesk")
window.setCentralWidget(label)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("startup-painted", flush=True)
            QTimer.singleShot(0, app.quit)
            label.removeEventFilter(self)
        return False
watch = Watch()
label.installEventFilter(watch)
window.resize(1280, 800)
window.show()
app.exec()
"""

# The app open on the store as a user has it: painted, write side warmed up (SQLAlchemy),
# a few searches typed and the list scrolled; then it quits. Measures peak memory only.
SESSION_SCRIPT = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from salesdesk.app import Options, run
app = QApplication(sys.argv[:1])
def session():
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    window.services.warm_up()
    page = window.customers
    for text in ("墙", "墙煌", "墙煌建材", "qhjc", "hangzhou", "138", ""):
        page.search.setText(text)
        app.processEvents()
    for _ in range(10):
        page.table.verticalScrollBar().setValue(page.table.verticalScrollBar().maximum())
        app.processEvents()
    print("session-done rows=%d" % page.model.rowCount(), flush=True)
    app.quit()
QTimer.singleShot(300, session)
sys.exit(run(Options(data_dir=Path(sys.argv[1]))))
"""


# Runs a Python child given its own arguments (``-m module ...`` or ``-c code ...``) and, as it
# exits, prints the child's peak resident size: VmHWM from /proc/self/status. The child's
# ``ru_maxrss`` (from wait4) cannot be used: on Linux it starts from the parent's resident size at
# fork/exec, so a child of this benchmark, which has just built or searched a 100k store, was
# reported at the parent's ~640 MiB. VmHWM belongs to the child's own address space, which exec
# starts afresh. The report runs at exit (atexit: also after `sys.exit`, and before Qt tears down).
PEAK_WRAPPER = r"""
import atexit, runpy, sys
def _report_peak():
    with open("/proc/self/status") as status:
        for row in status:
            if row.startswith("VmHWM:"):
                sys.stdout.write("peak-vmhwm-kib %s\n" % row.split()[1])
                sys.stdout.flush()
atexit.register(_report_peak)
mode, target, *rest = sys.argv[1:]
if mode == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
"""
PEAK_LINE = "peak-vmhwm-kib "


def run_child(args: list[str], marker: str) -> tuple[float, float, str]:
    """Runs a Python child (``args`` as for ``python``, starting with ``-m`` or ``-c``) until it
    exits; returns (ms to the marker line, the child's own peak RSS in MiB, the marker line)."""
    if not args or args[0] not in ("-m", "-c"):
        raise ValueError(f"run_child runs `-m module` or `-c code`, not {args[:1]}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    seen_ms = -1.0
    line = ""
    peak_kib = -1
    with subprocess.Popen([sys.executable, "-c", PEAK_WRAPPER, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT), text=True) as proc:
        assert proc.stdout is not None
        for out in proc.stdout:
            if out.startswith(marker) and seen_ms < 0:
                seen_ms = (time.perf_counter() - t) * 1000
                line = out.strip()
            elif out.startswith(PEAK_LINE):
                peak_kib = int(out[len(PEAK_LINE):])
    if seen_ms < 0 or proc.returncode != 0:
        raise SystemExit(f"{args}: no {marker!r} line (exit {proc.returncode})")
    if peak_kib < 0:
        raise SystemExit(f"{args}: the child did not report its peak memory (VmHWM)")
    return seen_ms, peak_kib / 1024, line


def measure_startup(data_dir: Path) -> None:
    app_ms: list[float] = []
    floor_ms: list[float] = []
    rss: list[float] = []
    # Interleave app and floor runs so both see the same machine state.
    run_child(["-m", "salesdesk", "--data-dir", str(data_dir), "--startup-probe"],
              "startup-painted")  # warm the OS file cache once
    for _ in range(5):
        ms, mb, line = run_child(
            ["-m", "salesdesk", "--data-dir", str(data_dir), "--startup-probe"],
            "startup-painted")
        if "rows=0" in line:
            raise SystemExit(f"start-up painted no rows: {line}")
        app_ms.append(ms)
        rss.append(mb)
        ms, _, _ = run_child(["-c", FLOOR_SCRIPT], "startup-painted")
        floor_ms.append(ms)
    _, session_mb, line = run_child(["-c", SESSION_SCRIPT, str(data_dir)], "session-done")
    print(f"# {line}", file=sys.stderr)
    startup, floor = statistics.median(app_ms), statistics.median(floor_ms)
    emit("startup_ms", startup, "ms")
    emit("startup_floor_ms", floor, "ms")
    emit("startup_ratio", startup / floor, "x")
    emit("rss_probe_mb", max(rss), "MiB")
    emit("rss_session_mb", session_mb, "MiB")
    emit("rss_mb", max(*rss, session_mb), "MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["search", "first_rows", "keystrokes", "startup"],
                        default=None)
    args = parser.parse_args()
    data_dir = ensure_store()
    store = data_dir / "salesdesk.sqlite3"
    if args.only in (None, "search"):
        measure_search(store)
    if args.only in (None, "first_rows"):
        measure_first_rows(data_dir)
    if args.only in (None, "keystrokes"):
        measure_keystrokes(data_dir)
    if args.only in (None, "startup"):
        measure_startup(data_dir)
    # PySide6 can crash while tearing down Qt objects at interpreter exit; the figures are out.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
