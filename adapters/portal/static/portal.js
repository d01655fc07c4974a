// Progressive help only: the server computes every amount and checks every rule.
(function () {
  "use strict";

  function pesos(value) {
    var fixed = Math.abs(value).toFixed(2).split(".");
    return (value < 0 ? "-" : "") + "$" + fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + fixed[1];
  }

  function typed(text) {  // "$1.000.000,50" → 1000000.5; NaN when unreadable
    var cleaned = (text || "").replace(/[\s$]/g, "");
    if (!/^[0-9.,]+$/.test(cleaned)) { return NaN; }
    return parseFloat(cleaned.replace(/\./g, "").replace(",", "."));
  }

  function liveTotal(form) {  // "Información de productos": the running total while choosing
    var rows = form.querySelectorAll("tr.producto");
    function update() {
      var sum = 0;
      var chosen = [];
      rows.forEach(function (row) {
        var checked = row.querySelector("input[type=radio]:checked");
        var cell = row.querySelector(".linea-valor");
        var amount = 0;
        if (checked && checked.dataset.valor) { amount = parseFloat(checked.dataset.valor); }
        if (checked && checked.dataset.digitado) {
          var input = row.querySelector("input.valor");
          amount = typed(input ? input.value : "");
          if (isNaN(amount)) { amount = 0; }
        }
        cell.textContent = pesos(amount);
        sum += amount;
        if (checked && checked.value !== "NO_PAY") { chosen.push([row, amount]); }
      });
      document.getElementById("total").textContent = pesos(sum);
      listChosen(chosen);
    }
    function listChosen(chosen) {  // "Productos elegidos": one line per chosen product, with its "x"
      var list = document.getElementById("lista-elegidos");
      if (!list) { return; }
      // the same list is not rebuilt: a blur's "change" must not replace the "x" being clicked
      var signature = chosen.map(function (pair) { return pair[0].dataset.producto + "=" + pair[1]; }).join(";");
      if (list.dataset.firma === signature) { return; }
      list.dataset.firma = signature;
      list.textContent = "";
      chosen.forEach(function (pair) {
        var row = pair[0];
        var item = document.createElement("li");
        item.dataset.producto = row.dataset.producto;
        item.appendChild(document.createTextNode(row.dataset.nombre + " · "));
        var value = document.createElement("span");
        value.className = "num";
        value.textContent = pesos(pair[1]);
        item.appendChild(value);
        var remove = document.createElement("button");
        remove.type = "submit";
        remove.className = "quitar";
        remove.name = "quitar";
        remove.value = row.dataset.opcion;
        remove.formNoValidate = true;
        remove.title = "Quitar";
        remove.setAttribute("aria-label", "Quitar " + row.dataset.nombre);
        remove.textContent = "x";
        item.appendChild(remove);
        list.appendChild(item);
      });
      document.getElementById("sin-elegidos").hidden = chosen.length > 0;
    }
    form.addEventListener("click", function (event) {  // "x": that product back to "No pagar", here and now
      var remove = event.target.closest ? event.target.closest("button.quitar") : null;
      if (!remove) { return; }
      event.preventDefault();
      var row = form.querySelector("tr.producto[data-opcion='" + remove.value + "']");
      if (!row) { return; }
      var none = row.querySelector("input[type=radio][value=NO_PAY]");
      if (none) { none.checked = true; }
      var input = row.querySelector("input.valor");
      if (input) { input.value = ""; }
      update();
    });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.querySelectorAll("input.valor").forEach(function (input) {
      input.addEventListener("focus", function () {  // typing an amount chooses the typed option
        var option = input.closest("td").querySelector("input[data-digitado]");
        if (option) { option.checked = true; }
      });
    });
  }

  function countdown(span) {  // the OTP dialog's wait before "Enviar otro código de seguridad"
    var left = parseInt(span.dataset.segundos || "0", 10);
    if (!left) { return; }
    var timer = setInterval(function () {
      left -= 1;
      span.textContent = left > 0 ? "Podrá solicitar un nuevo código en " + left + (left === 1 ? " segundo" : " segundos")
        : "Ya puede solicitar otro código de seguridad";
      if (left <= 0) { clearInterval(timer); }
    }, 1000);
  }

  function once(form) {  // "Iniciar transacción": one click, one payment (the server guards it too)
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.dataset.unaVez) { return; }
      if (form.dataset.enviado) { event.preventDefault(); return; }
      form.dataset.enviado = "1";
      setTimeout(function () { button.disabled = true; button.textContent = "Iniciando…"; }, 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var products = document.getElementById("form-productos");
    if (products) { liveTotal(products); }
    var wait = document.getElementById("espera");
    if (wait) { countdown(wait); }
    var detail = document.getElementById("form-detalle");
    if (detail) { once(detail); }
  });
}());
