"""Disputes across outlets: who contradicts whom, phrased as questions with sides.

One general mechanism, in small modules:

* :mod:`.propositions` -- every attributed statement and every own-voice clause, with its
  holder, polarity, modality, entities and words;
* :mod:`.holders` -- holders as the event names them (merged entities, unnamed sources);
* :mod:`.responses` -- denials, rebuttals, dismissals and re-characterisations, each linked
  to the claim it answers (:mod:`.owners`: a response to "the suit" answers whoever filed it);
* :mod:`.opposition` -- statements by different holders that cannot both be true;
* :mod:`.scorer` -- the learned pair scorer behind a one-line swap;
* :mod:`.alliances` -- the event's two camps of holders, a signed graph of every answer,
  accusation and organisation tie;
* :mod:`.camps` -- seeds grouped by subject, split in two sides, grown, aligned with the
  alliances and joined by the holders they place;
* :mod:`.appeals` -- "should X do Y?" from calls to act, refusals and answers to the callers;
* :mod:`.questions` -- the question and the positions, in the words of the text;
* :mod:`.figures` -- figures for the same counted thing that cannot all be true;
* :mod:`.assemble` -- one dispute per question across outlets, ranked;
* :mod:`.repeats` -- a second dispute asking one question with the same camps folded in;
* :mod:`.stances` -- whether an outlet asserts a side or only reports it.
"""

from rashomon.extract.event.disputes.assemble import find_disputes
from rashomon.extract.event.disputes.stances import opinion_author, side_stances
from rashomon.extract.event.framing import LOADED_WORDS, framing

__all__ = ["LOADED_WORDS", "find_disputes", "framing", "opinion_author", "side_stances"]
