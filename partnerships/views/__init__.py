"""Pages of the partnership register, one module per area. Each view names its permission."""
