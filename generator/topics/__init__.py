"""The `topics` step of the corpus stage: the subjects the transcripts discuss, and which exchanges are about each.

Where topics come from
  `content/topics.yml`, when it lists topics, says what the topics are: a name, aliases (phrases,
  compared the way the text is: case, plurals and hyphens aside) or `patterns` (regular expressions),
  a description. `exclude:` lists terms never to make a topic. With no topics listed there (or with
  `automatic: true`), topics are found in the text:

Finding topics (automatic)
  A candidate is a phrase of one to four words inside a clause, none of them a function word,
  filler ("okay", "thank you"), a time word, a number (except as a product's name: "Model 3"), a
  speaker's name or initials, or a word of a firm's name. A candidate becomes a topic when it recurs
  (in two or more exchanges or remarks blocks, or three times in one) and it is specific:
  - a name, capitalised where it is not the first word of a sentence ("Model X", "Autopilot",
    "CapEx"), unless the text also uses it as the first half of a longer name ("Jason Wheeler": a
    given name, not a subject);
  - or a single word that general English uses rarely (Zipf frequency below 4.6 in wordfreq's
    English list: "inventory", "leasing", "dieselgate", but not "thing" or "question"), and not an
    adjective or adverb by its ending;
  - or a phrase of several words that recurs as a whole and has a word rarer than everyday English
    ("gross margin", "free cash flow", "drive unit").
  Variants fold into one topic: plurals ("ZEV credits", "ZEV credit"); an acronym and the words it
  stands for ("CapEx", "capital expenditures"); phrases that end in the same specific word when the
  text also uses that word alone for the same thing ("stationary storage", "energy storage",
  "storage"); a phrase and a longer phrase ending in it ("cash flow", "free cash flow"); a product's
  name and its letter in context ("Model X", "the X").

Assignment: what an exchange is about
  Every mention of a topic is found (longest phrase first). An exchange, or a speaker's block of
  prepared remarks (consecutive remarks turns of one speaker), is about a topic when the topic is
  named at least twice in it, or at least once by the questioner: a question sets the subject, an
  answer's passing mention does not. The moderator's turns are not read (they name people and
  firms). Output is deterministic: everything is sorted, nothing is random.
"""

from .assigning import MENTIONS_IN_EXCHANGE, MENTIONS_IN_QUESTION, assign_topics
from .finding import Found, find_topics
from .topics_file import CuratedTopic, TopicsFile, load_topics_file
from .units import Unit, spoken, units_of
from .views import MAIN_TOPICS_OF_SPEAKER, starter_yml, topics_of_speaker
from .words import Token, phrase_key, tokens, word_key

__all__ = [
    "MAIN_TOPICS_OF_SPEAKER", "MENTIONS_IN_EXCHANGE", "MENTIONS_IN_QUESTION", "CuratedTopic", "Found", "Token",
    "TopicsFile", "Unit", "assign_topics", "find_topics", "load_topics_file", "phrase_key", "spoken",
    "starter_yml", "tokens", "topics_of_speaker", "units_of", "word_key",
]
