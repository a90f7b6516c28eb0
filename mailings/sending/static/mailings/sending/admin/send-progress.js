/* Live progress of a send: polls the send's JSON endpoint every few seconds and copies the
 * server's figures into the page (the page is complete without this script). Registered with
 * Wagtail's own Stimulus application; no other library. */
(() => {
  const { app } = window.wagtail || {};
  const { Controller } = window.StimulusModule || {};
  if (!app || !Controller) return;

  class SendProgressController extends Controller {
    static targets = ["meter", "bar", "errors", "uncertain", "control", "announce", "reason"];
    static values = {
      url: String,
      interval: { type: Number, default: 3000 },
      final: Boolean,
      state: String,
      uncertain: String,
    };

    connect() {
      if (!this.finalValue) this.schedule(this.intervalValue);
    }

    disconnect() {
      clearTimeout(this.timer);
    }

    schedule(delay) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.poll(), delay);
    }

    async poll() {
      try {
        const response = await fetch(this.urlValue, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          cache: "no-store",
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        this.show(await response.json());
        this.failures = 0;
      } catch (error) {
        // The server or the network is away for a moment: try again, a little later each time.
        this.failures = (this.failures || 0) + 1;
      }
      if (!this.finalValue) {
        this.schedule(this.intervalValue * Math.min(1 + (this.failures || 0), 10));
      }
    }

    show(data) {
      this.showBar(data.percent, data.display.percent);
      this.element.querySelectorAll("[data-key]").forEach((element) => {
        const value = data.display[element.dataset.key];
        if (value !== undefined) element.textContent = value;
      });
      this.reasonTargets.forEach((element) => { element.hidden = !data.reason; });
      this.controlTargets.forEach((element) => {
        element.hidden = !data.actions.includes(element.dataset.control);
      });
      this.showErrors(data.errors);
      this.showUncertain(data);
      this.announce(data);
      this.finalValue = data.final;
    }

    showBar(percent, text) {
      this.meterTargets.forEach((meter) => meter.setAttribute("aria-valuenow", percent));
      this.barTargets.forEach((bar) => {
        bar.style.width = `${percent}%`;
        bar.textContent = text;
      });
    }

    showErrors(errors) {
      this.errorsTargets.forEach((list) => {
        const items = errors.map((row) => {
          const item = document.createElement("li");
          item.textContent = `${row.when}: ${row.who} – ${row.error}`;
          return item;
        });
        list.replaceChildren(...items);
        list.closest("[data-pp-errors-section]")?.toggleAttribute("hidden", !errors.length);
      });
    }

    showUncertain(data) {
      // Only when the list changed: never reset boxes someone is ticking.
      const signature = data.uncertain_ids.join(",");
      if (signature === this.uncertainValue) return;
      this.uncertainValue = signature;
      this.uncertainTargets.forEach((element) => { element.innerHTML = data.uncertain_html; });
    }

    announce(data) {
      if (data.state === this.stateValue) return;
      this.stateValue = data.state;
      this.announceTargets.forEach((element) => {
        element.textContent = `${data.display.state_label}, ${data.display.percent}`;
      });
    }
  }

  app.register("pp-send-progress", SendProgressController);
})();
