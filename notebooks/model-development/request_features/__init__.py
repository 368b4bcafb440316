"""Request-time features for the fraud model: the one module training and serving share."""
