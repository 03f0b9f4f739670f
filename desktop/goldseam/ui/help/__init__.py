"""Help where it is needed: why each step helps, the keys (F1), and About."""
