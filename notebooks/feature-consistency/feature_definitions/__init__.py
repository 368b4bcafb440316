"""Versioned feature definitions shared by the training pipeline and the served model."""
