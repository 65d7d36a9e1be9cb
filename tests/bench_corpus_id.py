"""A realistic Indonesian news corpus for the search benchmark (``bench.py --corpus realistic``).

The uniform corpus of ``bench.py`` draws every word from ~100 words: each query word is in
every article, a worst case for a search index. This one is closer to a newsroom's archive:

- **Vocabulary**: the words of the real articles in ``content/`` (about 2,100 surface forms),
  ranked by their frequency there, each followed by derived forms (``di-``, ``me-``, ``ber-``,
  ``pe-…-an``, ``-kan``, ``-nya``; crude, but the stemmer folds them back as it would real ones),
  then place names of Bima and Dompu and person names.
- **Zipf**: a word's weight is ``1 / (rank + 2.7)`` (Mandelbrot's form of Zipf's law); the
  common function words of the seed articles come first, so ``yang``, ``dan``, ``di`` are the
  most frequent words as in real Indonesian text.
- **Topics**: each article has a place, two people and ten topic words drawn from the middle of
  the vocabulary, which make a fifth of its words (news text is bursty: a rare word that appears
  in an article appears there several times).
- ~600 words per article (550–700), in 8–11 paragraphs with one subheading.

The queries (``QUERIES``) are chosen by kind, with their document frequency printed by the bench.
"""

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = (  # noqa: SIM905 (a word list reads better as text)
    "Wawo Sape Lambu Wera Ambalawi Donggo Soromandi Woha Belo Palibelo Monta Parado Bolo "
    "Madapangga Langgudu Lambitu Tambora Sanggar Rasanae Asakota Mpunda Raba Kempo Manggelewa "
    "Pekat Kilo Hu'u Woja Pajo Padolo Penaraga Paruga Sambinae Kumbe Lelamase Kolo Jatiwangi"
).split()
FIRST = (  # noqa: SIM905
    "Muhammad Ahmad Abdul Siti Nur Sri Dewi Rahmat Arif Fajrin Hasan Husain Yusuf Ibrahim "
    "Ismail Syamsuddin Jufri Ridwan Salahuddin Nurhayati Rahmawati Maryam Aminah Fatimah "
    "Hadijah Suryani Wahyuni Julkarnain Imran Iksan Syarif Zainal Mustamin Usman Taufik"
).split()
LAST = (  # noqa: SIM905
    "Husen Rahman Ahmad Hamzah Yasin Idris Saleh Abdullah Usman Ibrahim Mahmud Jafar Karim "
    "Anwar Umar Ali Hidayat Syukri Maulana Ramli Zakaria Kurniawan Hasanuddin Thamrin"
).split()
PREFIXES = ("di", "me", "ber", "ter")
DERIVED = r"^(di|me|ber|ter|pe|ke|se)|(kan|nya|an|i)$"
# Query kinds a reader types (bench output names them): the bench prints their document counts.
QUERIES = (
    ("umum (common word)", "pemerintah"),
    ("jarang (rare word)", None),  # a word of the tail, chosen from the corpus (see pick_rare)
    ("dua kata (two words)", "bantuan sosial"),
    ("nama (a name)", None),  # a person of the corpus named in a few articles
)


def seed_words(folder=ROOT / "content"):
    """Surface forms of the real articles under ``folder``, most frequent first."""
    counts = {}
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8").lower()
        for word in re.findall(r"[a-z]{2,}", text):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], word))


def vocabulary(seeds):
    """The ranked vocabulary: each seed word, then its derived forms (rarer), in rank order."""
    words, seen = [], set()
    derived = []
    for rank, word in enumerate(seeds):
        for form in [word]:
            if form not in seen:
                seen.add(form)
                words.append(form)
        # Content words, not function words or forms already derived.
        if len(word) >= 4 and rank > 60 and not re.match(DERIVED, word):
            forms = [p + word for p in PREFIXES] + [word + "kan", word + "nya", "pe" + word + "an"]
            derived.extend(forms)
    for form in derived:
        if form not in seen:
            seen.add(form)
            words.append(form)
    return words


class Corpus:
    """Draws article text; ``random.Random(seed)`` makes it the same in every run."""

    def __init__(self, seed=2024):
        self.rng = random.Random(seed)
        self.words = vocabulary(seed_words())
        self.weights = [1 / (rank + 2.7) for rank in range(len(self.words))]
        self.people = [f"{f} {last}" for f in FIRST for last in LAST]
        self.rng.shuffle(self.people)

    def _sample(self, count):
        return self.rng.choices(self.words, weights=self.weights, k=count)

    def person(self):
        """A person named in the article: Zipf over the people (a few are in the news often)."""
        weights = [1 / (rank + 1) for rank in range(len(self.people))]
        return self.rng.choices(self.people, weights=weights)[0]

    def article(self, number, header):
        """Markdown of article ``number``: ``header(title, summary)`` gives its header lines."""
        rng = self.rng
        place = rng.choice(PLACES)
        people = [self.person(), self.person()]
        middle = self.words[200:6000]
        topic = rng.sample(middle, 12)
        target = rng.randint(550, 700)

        def sentence(low=8, high=20):
            words = []
            for _ in range(rng.randint(low, high)):
                roll = rng.random()
                if roll < 0.15:
                    words.append(rng.choice(topic))
                elif roll < 0.17:
                    words.append(place)
                elif roll < 0.19:
                    words.append(rng.choice(people))
                else:
                    words.extend(self._sample(1))
            text = " ".join(words)
            return text[0].upper() + text[1:] + "."

        paragraphs, count = [], 0
        while count < target:
            paragraph = " ".join(sentence() for _ in range(rng.randint(2, 4)))
            count += len(paragraph.split())
            paragraphs.append(paragraph)
        paragraphs.insert(min(3, len(paragraphs)), "## " + sentence(3, 6).rstrip("."))
        title = f"{sentence(5, 9).rstrip('.')} di {place}"
        return header(title, sentence(12, 24)) + "\n\n" + "\n\n".join(paragraphs) + "\n"
