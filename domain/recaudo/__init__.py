"""The recaudo context (the cooperative): associates, products and their payment rules, the recaudo
session, the portal's payment, crediting and the sonda."""
