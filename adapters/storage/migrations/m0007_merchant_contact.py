"""A merchant's support phone and e-mail: ACH's mandated pending message names them."""

SQL = """
    ALTER TABLE merchants ADD COLUMN support_phone TEXT NOT NULL DEFAULT '';
    ALTER TABLE merchants ADD COLUMN support_email TEXT NOT NULL DEFAULT ''
    """
