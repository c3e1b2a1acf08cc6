"""Counts stated in prose against the list of named items given right after them.

Four shapes, all found in real reports:

    after a colon   "- Có 14 đơn vị không có hồ sơ trễ hạn: Sở Công Thương, …, UBND Thị xã Buôn Hồ"
    after "gồm"     "- 05 hội đã tổ chức đại hội, gồm: Câu lạc bộ …, Hội Y học, … và Hội Golf."
    in brackets     "có 09 sở, ban, ngành (Sở Nội vụ, …, Sở Ngoại vụ, Thanh tra tỉnh)"
    on lines        "- Phó Chủ tịch: 05 Luật sư gồm:" then "+ Luật sư Lê Văn Long (…);", …

An item is told from the next only where that is certain, and otherwise nothing is said
(a wrong count of the items would be a false alarm):

- an item opens with what names its kind: an organisation's head word ("Sở", "UBND",
  "Hội", "Thanh tra", …), "Luật sư"/"ông"/"bà" and a name, or a place's proper name when
  places are counted; a new item starts only at ",", ";" or "và" followed by such a start, so
  "Sở Giáo dục và Đào tạo" is one item, and the two names printed with a comma of their own
  ("Sở Lao động, Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch") are known;
  a piece that opens otherwise makes the list unsure;
- the count names what the items are ("đơn vị", "sở, ban, ngành", "hội", "luật sư", "xã");
  a count of something else ("14 hồ sơ …: Sở A, …") is not checked, nor one with another
  count before it in its clause ("07 đơn vị …, 05 đơn vị … và 01 đơn vị … (Sở Tài chính)":
  whose list is it?), nor an approximate one ("hơn 20 đơn vị");
- a list that may be incomplete is never counted: "như" (examples), "…", "v.v.", "khác",
  "trong đó", "một số", "tiêu biểu"; nor one holding numbers, "các"/"cấp" (a group, not an
  item: "UBND các huyện: …"), a colon of its own, or an item after a clause has started; the
  last item may be followed by a clause giving a reason ("… Thanh tra tỉnh do đặc thù của
  ngành …"), not by one with a verb of its own, which may be a new sentence;
- a scanned page is not read for lists: a comma OCR lost would join two items into one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import TextBlock
from ..numbering import opens_section

# What is counted, and so what its items must look like.
_ORG_NOUNS = (r"sở,\s*ban,\s*ngành|sở,\s*ngành|sở,\s*ban|cơ\s+quan,\s*đơn\s+vị|đơn\s+vị|cơ\s+quan|sở|"
              r"hội(?!\s+(?:nghị|thảo|thi|diễn|đồng|viên|chợ|trại|nhập))|tổ\s+chức|doanh\s+nghiệp|"
              r"trường(?!\s+hợp)|trung\s+tâm|bệnh\s+viện|câu\s+lạc\s+bộ")
_PLACE_NOUNS = (r"huyện,\s*thị\s+xã,\s*thành\s+phố|xã,\s*phường,\s*thị\s+trấn|xã,\s*phường|"
                r"thị\s+xã|thành\s+phố|thị\s+trấn|huyện|xã|phường|tỉnh|đặc\s+khu")
_PERSON_NOUNS = r"luật\s+sư|đồng\s+chí|thành\s+viên|người|cá\s+nhân"
_LOCAL = r"địa\s+phương"
COUNT = re.compile(
    rf"(?<![\d/.,%])(?P<n>\d{{1,3}})\s+(?P<noun>{_LOCAL}|{_ORG_NOUNS}|{_PLACE_NOUNS}|{_PERSON_NOUNS})(?![^\W\d_])",
    re.IGNORECASE)
# Words before a count that make it approximate, a rank or part of a name.
_NOT_EXACT = re.compile(r"(?:\b(?:hơn|trên|khoảng|gần|ít\s+nhất|tối\s+thiểu|tối\s+đa|dưới|từ|đến|"
                        r"thứ|số|hạng|top|[Tt]rong)|\d\s*[-–])\s*$", re.IGNORECASE)

# What announces the items right after the count and what it is said of.
INTRO = re.compile(r",?\s*(?:(?:bao\s+)?gồm\s*:?|(?:[.,]\s*)?cụ\s+thể\s*:|:|\()", re.IGNORECASE)
# What the count is said of ("không có hồ sơ trễ hạn"): no clause break, bracket or colon in it.
_DESCRIPTION = re.compile(r"[^:;()]{0,240}?(?=,?\s*(?:(?:bao\s+)?gồm\b|(?:[.,]\s*)?cụ\s+thể\s*:|:|\())",
                          re.IGNORECASE)
# A number in what the count is said of that names a time, not items ("quá 8 tiếng").
_TIME = re.compile(r"\d+\s*(?:tiếng|giờ|ngày|tháng|năm|lần)\b|(?:ngày|tháng|năm)\s+\d[\d/]*|\d{1,2}/\d{1,2}(?:/\d{4})?",
                   re.IGNORECASE)
# A list that may not be all of it, or a group where an item is expected.
UNSURE = re.compile(r"…|\.\.|\bv\.?\s*v\b|\betc\b|\bnhư\b|\bkhác\b|\btrong\s+đó\b|\bmột\s+số\b|\btiêu\s+biểu\b|"
                    r"\bđiển\s+hình\b|\bchẳng\s+hạn\b|\bví\s+dụ\b|\bchủ\s+yếu\b|\bnhiều\b|\bgồm\b|"
                    r"\bcác\b|\bnhững\b|\bcấp\b|\btoàn\s+bộ\b|\btất\s+cả\b|:", re.IGNORECASE)

# The first words of an organisation's name (as printed, capitalised).
_ORG_HEAD = (r"Sở|UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Ban|Thanh\s+tra|Văn\s+phòng|Công\s+an|"
             r"Cục|Chi\s+cục|Kho\s+bạc|Bảo\s+hiểm\s+xã\s+hội|Trung\s+tâm|Đài|Trường|Bệnh\s+viện|Hội|"
             r"Hiệp\s+[Hh]ội|Liên\s+đoàn|Liên\s+minh|Câu\s+lạc\s+bộ|CLB|Bộ|Tỉnh\s+đoàn|Viện|Công\s+ty|"
             r"Tổng\s+công\s+ty|Ngân\s+hàng|Chi\s+nhánh|Quỹ|Đoàn|Tòa\s+án|Toà\s+án|Mặt\s+trận|Phòng")
_LEVEL = r"[Hh]uyện|[Xx]ã|[Pp]hường|[Tt]hị\s+xã|[Tt]hành\s+phố|[Tt]hị\s+trấn|[Tt]ỉnh|[Đđ]ặc\s+khu"
_PERSON_HEAD = r"Lu[ậâ]t\s+sư|[Đđ]ồng\s+chí|[Ôô]ng|[Bb]à"
ORG_ITEM = re.compile(rf"(?:{_ORG_HEAD})\s+\S")
LEVEL_ITEM = re.compile(rf"(?:(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+)?(?:{_LEVEL})\s+(?P<name>.+)$")
PERSON_ITEM = re.compile(rf"(?:{_PERSON_HEAD})\s+(?P<name>.+)$")
PERSON_START = re.compile(rf"(?:{_PERSON_HEAD})\s+(?P<next>\S)")
LEVEL_START = re.compile(rf"(?:{_LEVEL})\s+(?P<next>\S)")
# The names printed with a comma of their own.
_COMMA_NAMES = [(re.compile(r"\b(Lao\s+động)\s*,\s*(Thương\s+binh)"), r"\1 - \2"),
                (re.compile(r"\b(Văn\s+h(?:óa|oá))\s*,\s*(Thể\s+thao)"), r"\1 - \2")]
# Where a clause follows the last item ("Thanh tra tỉnh do đặc thù của ngành …"): no item after
# it, and only a clause giving the list's reason ("do", "vì", "nên"); one with a verb of its own
# ("…, UBND tỉnh đề nghị …") may be a new sentence whose subject looks like an item.
_CLAUSE = re.compile(r"\s(?P<word>do|vì|nên|đã|đang|chưa|không|được|để|có|là|với|thì|mà|theo|sẽ|cần|phải|giao|"
                     r"đề\s+nghị|đề\s+xuất|kiến\s+nghị|yêu\s+cầu|chỉ\s+đạo|tiếp\s+tục|thực\s+hiện|"
                     r"báo\s+cáo|triển\s+khai|hoàn\s+thành)\s")
_REASON = {"do", "vì", "nên"}
BULLET = re.compile(r"^\s*([-+•])\s+")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# A full stop after a short abbreviation ("TP. Buôn Ma Thuột") is no end of the sentence.
_ABBREVIATION = re.compile(r"(?:^|[\s,;(])(?:[A-ZĐ]{1,3}|Tp|Tx)$")


@dataclass
class Listing:
    """A count and the items listed after it, as printed. ``said``: what the count is said of
    ("không có hồ sơ trễ hạn"). ``pieces``: (text, block) of the statement, for the evidence —
    the count's words to the list's end, then each listed line."""
    stated: int
    noun: str
    said: str
    items: list[str]
    text: str
    pieces: list[tuple[str, TextBlock]]


def _kind(noun: str) -> str:
    noun = " ".join(noun.lower().split())
    if re.fullmatch(_LOCAL, noun):
        return "local"
    if re.fullmatch(_PERSON_NOUNS, noun):
        return "person"
    if re.fullmatch(_PLACE_NOUNS, noun):
        return "place"
    return "org"


def _proper(name: str, most: int) -> bool:
    """Capitalised words only ("Krông Búk", "Ea H’leo", "Nguyễn Thanh Vũ"): a name, nothing after it."""
    words = name.split()
    return 1 <= len(words) <= most and all(w.lstrip("’'")[:1].isupper() for w in words)


def _is_item(piece: str, kind: str) -> bool:
    if kind == "person":
        m = PERSON_ITEM.fullmatch(piece)
        return bool(m) and _proper(m["name"], 5) and len(m["name"].split()) >= 2
    if kind in ("org", "local") and ORG_ITEM.match(piece):
        return True
    m = LEVEL_ITEM.fullmatch(piece)
    if m and _proper(m["name"], 4):
        return True  # "UBND huyện Krông Ana", "xã Hàm Tân"
    return kind in ("place", "local") and _proper(piece, 4)


def _starts_item(text: str, kind: str) -> bool:
    """Whether a "và" before ``text`` starts a new item rather than going on with a name
    ("Sở Giáo dục và Đào tạo", "Sở Lao động, Thương binh và Xã hội")."""
    if kind == "person":
        m = PERSON_START.match(text)
        return bool(m) and m["next"].isupper()
    if kind == "place":
        return text[:1].isupper()
    m = LEVEL_START.match(text)
    return bool(ORG_ITEM.match(text)) or (bool(m) and m["next"].isupper())


def _split_and(part: str, kind: str) -> list[str]:
    pieces = [""]
    for k, chunk in enumerate(re.split(r"\s+và\s+", part)):
        if k and _starts_item(chunk, kind):
            pieces.append(chunk)
        else:
            pieces[-1] += (" và " if k else "") + chunk
    return pieces


def _strip_asides(text: str) -> Optional[str]:
    """The text without its bracketed asides ("Luật sư Lê Văn Long (phụ trách khu vực …)");
    None when the brackets do not pair."""
    while True:
        stripped = re.sub(r"\s*\([^()]*\)", "", text)
        if stripped == text:
            break
        text = stripped
    return None if "(" in text or ")" in text else text


def _items(body: str, kind: str) -> Optional[list[str]]:
    """The items of a list as printed, or None when they cannot be told apart with certainty."""
    if re.search(r"\d", body) or UNSURE.search(body):
        return None
    text = _strip_asides(body)
    if text is None:
        return None
    for pattern, joined in _COMMA_NAMES:
        text = pattern.sub(joined, text)
    pieces = []
    for part in re.split(r"\s*[,;]\s*", text.strip(" .;,")):
        pieces += _split_and(part, kind)
    pieces = [BULLET.sub("", p).strip(" .;,") for p in pieces]
    if not pieces or any(not p for p in pieces):
        return None
    for i, piece in enumerate(pieces):
        clause = _CLAUSE.search(piece)
        if clause and (i < len(pieces) - 1 or clause["word"] not in _REASON):
            return None  # a clause before the last item, or one that may start a sentence
        name = piece[:clause.start()] if clause else piece
        if not _is_item(name.strip(), kind):
            return None
    return pieces


def _text(block: TextBlock) -> str:
    return " ".join(block.text.split())


def _sentence_end(text: str, start: int) -> Optional[int]:
    """Where the sentence from ``start`` ends (its full stop or the block's end); None when a
    full stop may be an abbreviation's."""
    m = re.compile(r"\.(?=\s|$)").search(text, start)
    if m is None:
        return len(text)
    if _ABBREVIATION.search(text[start:m.start()]) and m.end() < len(text):
        return None
    return m.start()


def _exact(text: str, count: re.Match) -> bool:
    """A count stated exactly, the only one of its kind in its clause."""
    if _NOT_EXACT.search(text[:count.start()]):
        return False
    clause = re.split(r"[.;:]\s", text[:count.start()])[-1]
    return not any(COUNT.finditer(clause))


def _description(text: str, count: re.Match) -> Optional[re.Match]:
    """What the count is said of, up to the words that announce its items."""
    d = _DESCRIPTION.match(text, count.end())
    if d is None:
        return None
    said = _TIME.sub("", d.group(0))
    if re.search(r"\d|\.\s", said) or UNSURE.search(said) or re.search(rf"\b(?:{_ORG_HEAD})\s", said):
        return None
    return d


def _in_block(blocks: list[TextBlock], i: int) -> list[Listing]:
    block = blocks[i]
    text = _text(block)
    out = []
    for count in COUNT.finditer(text):
        if not _exact(text, count):
            continue
        d = _description(text, count)
        if d is None:
            continue
        intro = INTRO.match(text, d.end())
        if intro is None:
            continue
        kind = _kind(count["noun"])
        if intro.group(0).endswith("("):
            close = _closing(text, intro.end())
            if close is None:
                continue
            body = re.sub(r"^\s*(?:(?:bao\s+)?gồm|là)\s*:?\s*", "", text[intro.end():close], flags=re.IGNORECASE)
            items = _items(body, kind)
            end = close + 1
            listed: list[tuple[str, TextBlock]] = []
        elif not text[intro.end():].strip():
            found = _on_lines(blocks, i, kind)
            if found is None:
                continue
            items, listed = found
            end = len(text)
        else:
            end = _sentence_end(text, intro.end())
            if end is None or re.search(r"\.\.|…", text[intro.end():end + 3]):
                continue
            if end == len(text) and not _next_opens(blocks, i):
                continue  # no full stop: the list may go on in the next block (over a page)
            items = _items(text[intro.end():end], kind)
            listed = []
        if items is None:
            continue
        statement = text[count.start():end]
        out.append(Listing(int(count["n"]), " ".join(count["noun"].split()), d.group(0).strip(), items,
                           " ".join([statement] + [t for t, _ in listed]), [(statement, block)] + listed))
    return out


def _next_opens(blocks: list[TextBlock], i: int) -> bool:
    """The paragraph after block ``i`` (a page's number aside) is a new one: a bullet, a
    section number, or none; otherwise it may be the rest of a list cut by a page break."""
    for block in blocks[i + 1:]:
        line = _text(block)
        if not _PAGE_NUMBER.match(line):
            return bool(BULLET.match(line)) or opens_section(line)
    return True


def _closing(text: str, start: int) -> Optional[int]:
    depth = 1
    for k in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return None


def _on_lines(blocks: list[TextBlock], i: int, kind: str) -> Optional[tuple[list[str], list[tuple[str, TextBlock]]]]:
    """Items one bullet each after a count ending its paragraph with "gồm:" or ":". The list ends
    at a full stop, or at a bullet of the count's own marker when the items carry another;
    anything else leaves its end unsure."""
    own = BULLET.match(blocks[i].text)
    items: list[str] = []
    listed: list[tuple[str, TextBlock]] = []
    marker = None
    for block in blocks[i + 1:]:
        line = _text(block)
        if _PAGE_NUMBER.match(line):
            continue  # the page's number between two pages of the list
        bullet = BULLET.match(line)
        if bullet is None or (marker and bullet.group(1) != marker):
            ended = own is not None and bullet is not None and bullet.group(1) == own.group(1) != marker
            return (items, listed) if ended and items else None
        marker = bullet.group(1)
        if own is not None and marker == own.group(1):
            return None  # the items at the count's own level: which of them are its items?
        found = _items(line[bullet.end():], kind)
        if found is None:
            return None
        items += found
        listed.append((line, block))
        if line.endswith("."):
            return items, listed
    return None


def find_listings(prose: Iterable[TextBlock], scanned: frozenset[int] = frozenset()) -> list[Listing]:
    """Every count with its items listed after it, on pages not in ``scanned``."""
    blocks = list(prose)
    out: list[Listing] = []
    for i, block in enumerate(blocks):
        if block.page in scanned:
            continue
        out += [found for found in _in_block(blocks, i) if not any(b.page in scanned for _, b in found.pieces)]
    return out
