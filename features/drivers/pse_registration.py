"""ACH's PSE registration pages (pse-coopcentral.md, "Registering with ACH") over HTTP, as a browser
without JavaScript fills them: choose person type and action, then the form, each with its tokens."""
from __future__ import annotations

from features.drivers.portal import Page, PortalClient, json_get

REGISTRATION = "/PSEUserRegister/Registro"
ACTIONS = {"registrarme": "registrar", "actualizar mi registro": "actualizar", "eliminar mi registro": "eliminar"}
KINDS = {"natural": "natural", "jurídica": "juridica"}


class PseRegistration(PortalClient):
    """One person on ACH's registration pages of the simulator at `base_url`."""

    def choose(self, kind: str, action: str) -> Page:
        """Step 1: person type and action, "Seguir"; returns the form page it leads to."""
        choice = self.get(REGISTRATION)
        answer = self.post(REGISTRATION, {"nonce": choice.field("nonce"), "tipo_persona": KINDS[kind],
                                          "accion": ACTIONS[action]}, choice.csrf())
        assert answer.status == 303, answer.alert() or answer.text[:500]
        self.form_path = answer.location.split("?")[0]
        return self.get(answer.location)

    def send(self, fields: dict[str, str]) -> Page:
        """Steps 2–3: the form's fields (as named on the page) and its button."""
        form = self.get(self.form_path)
        data = {"nonce": form.field("nonce"), "enc": form.field("enc"), **fields}
        return self.post(self.form_path, {k: v for k, v in data.items() if v is not None}, form.csrf())

    def inbox_subjects(self, email: str) -> list[str]:
        return [m["asunto"] for m in json_get(self.base, f"/_sim/inbox?para={email}")]
