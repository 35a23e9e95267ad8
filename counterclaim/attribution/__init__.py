"""Who did it: the actor and alias table, responsibility cues, competing hypotheses and each source's stance."""
