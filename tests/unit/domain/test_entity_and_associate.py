import pytest

from domain.recaudo.associate import Associate
from domain.recaudo.entity import Entity
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.recaudo.products import Product, product_type


def test_an_entity_keeps_its_nit_normalised():
    assert Entity("BANCO COOPERATIVO COOPCENTRAL", "8902030889").nit == "890203088-9"


def test_an_entity_with_a_wrong_nit_is_refused():
    with pytest.raises(DomainError, match="dígito de verificación"):
        Entity("COOP", "890203088-1")
    with pytest.raises(DomainError, match="nombre"):
        Entity("  ", "890203088-9")


def test_a_disabled_entity_does_not_accept_payments():
    Entity("COOP", "890203088-9").ensure_accepts_payments()
    with pytest.raises(DomainError, match="no tiene habilitado el servicio de recaudo") as refused:
        Entity("COOP", "890203088-9", collection_enabled=False).ensure_accepts_payments()
    assert refused.value.field == "entity"


def test_the_associate_is_greeted_by_full_name(associate):
    assert associate.greeting == "Bienvenido(a), NICK RIVERA CAMINERO"


def test_only_active_products_are_offered(associate):
    assert len(associate.products) == 5
    assert len(associate.active_products()) == 4
    assert all(p.active for p in associate.active_products())
    assert [p.masked_name for p in associate.active_products()] == [
        "Ahorros a la Vista(****7756)", "Ahorros a la Vista(****6764)", "Cupo de Crédito(****7626)",
        "Aportes Sociales(****8768)",
    ]


def test_a_product_is_found_only_among_the_associates_own(associate):
    assert associate.product("cr", "300027626").masked_name == "Cupo de Crédito(****7626)"
    with pytest.raises(DomainError, match="no pertenece"):
        associate.product("CR", "999999999")


def test_an_associate_cannot_own_someone_elses_product(associate):
    other = IdentityDocument(DocumentType.CC, "79000001")
    with pytest.raises(DomainError, match="no pertenece"):
        Associate(associate.document, "NICK", associate.entity, products=(Product(other, product_type("AV"), "1234"),))


def test_the_associates_contact_points_are_validated(associate):
    with pytest.raises(DomainError) as refused:
        Associate(associate.document, "NICK", associate.entity, mobile="123")
    assert refused.value.field == "mobile"
    with pytest.raises(DomainError) as refused:
        Associate(associate.document, "NICK", associate.entity, email="nick@")
    assert refused.value.field == "email"
    with pytest.raises(DomainError) as refused:
        Associate(associate.document, "  ", associate.entity)
    assert refused.value.field == "full_name"


def test_an_associate_without_mobile_or_email_cannot_receive_an_otp(associate):
    assert associate.can_receive_otp
    assert Associate(associate.document, "NICK", associate.entity, email="n@example.com").can_receive_otp
    assert not Associate(associate.document, "NICK", associate.entity).can_receive_otp


@pytest.mark.parametrize(
    ("full_name", "names"),
    [("NICK RIVERA CAMINERO", ("NICK", "RIVERA CAMINERO")),
     ("ANA MARIA GOMEZ  DIAZ", ("ANA MARIA", "GOMEZ DIAZ")),
     ("NICK RIVERA", ("NICK", "RIVERA")),
     ("NICK", ("NICK", ""))],
)
def test_without_explicit_names_the_last_two_words_are_the_surnames(associate, full_name, names):
    assert Associate(associate.document, full_name, associate.entity).names() == names


def test_explicit_names_win_over_the_split(associate):
    person = Associate(associate.document, "MARIA DEL PILAR DE LA TORRE", associate.entity,
                       first_names="MARIA DEL PILAR", last_names="DE LA TORRE")
    assert person.names() == ("MARIA DEL PILAR", "DE LA TORRE")
