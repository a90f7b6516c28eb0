"""Operations: error reporting, health checks and logging details shared by every environment."""
