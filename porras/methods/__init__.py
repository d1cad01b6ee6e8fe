"""Method cards: the one source of each treatment method's facts, below the navigator, care and competence."""
