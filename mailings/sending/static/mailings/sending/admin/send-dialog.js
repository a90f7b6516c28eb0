/* The send dialog without page reloads: the recipient count follows the ticked topics and
 * countries, and the date and time fields show only for a later send. Without this script the
 * "Empfängerzahl aktualisieren" button does the same through the server. */
(() => {
  const { app } = window.wagtail || {};
  const { Controller } = window.StimulusModule || {};
  if (!app || !Controller) return;

  class SendDialogController extends Controller {
    static targets = ["count", "recount", "confirmation", "later"];
    static values = { url: String };

    connect() {
      this.requests = 0;
      this.recountTargets.forEach((button) => { button.hidden = true; });
      this.toggleLater();
    }

    async recount() {
      const query = new URLSearchParams();
      this.element.querySelectorAll("input[name=topics]:checked, input[name=countries]:checked")
        .forEach((box) => query.append(box.name, box.value));
      this.requests += 1;
      const request = this.requests;
      try {
        const response = await fetch(`${this.urlValue}?${query}`, {
          headers: { Accept: "application/json" }, credentials: "same-origin",
        });
        if (!response.ok || request !== this.requests) return;
        const data = await response.json();
        this.countTargets.forEach((element) => { element.textContent = data.display; });
        this.confirmationTargets.forEach((element) => {
          element.hidden = !data.needs_typed_count;
        });
      } catch (error) {
        // Offline for a moment: the server checks the count again when the form is sent.
        this.recountTargets.forEach((button) => { button.hidden = false; });
      }
    }

    toggleLater() {
      const later = this.element.querySelector("input[name=when][value=later]");
      this.laterTargets.forEach((element) => { element.hidden = !(later && later.checked); });
    }
  }

  app.register("pp-send-dialog", SendDialogController);
})();
