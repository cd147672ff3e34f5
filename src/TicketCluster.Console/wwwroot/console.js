// The console's clocks, in the viewer's browser: <tc-countdown due start overdue> counts down to a deadline
// every second (data-state running, warning from 80 % of the window, breached past it; a clock that no
// longer runs has `settled`, its state, shown as `settled-text`), <tc-time at>
// shows a time in the browser's own time zone and the page's language. Blazor renders these elements
// empty with their attributes only; their text is theirs.
(() => {
  const pad = n => String(n).padStart(2, '0');
  const span = ms => {
    const s = Math.floor(Math.abs(ms) / 1000);
    const d = Math.floor(s / 86400);
    return (d ? d + 'd ' : '') + pad(Math.floor(s % 86400 / 3600)) + ':' + pad(Math.floor(s % 3600 / 60)) + ':' + pad(s % 60);
  };
  const countdowns = new Set();

  class Countdown extends HTMLElement {
    static get observedAttributes() { return ['due', 'start', 'overdue', 'settled', 'settled-text']; }
    connectedCallback() { countdowns.add(this); this.tick(); }
    disconnectedCallback() { countdowns.delete(this); }
    attributeChangedCallback() { this.tick(); }
    tick() {
      const settled = this.getAttribute('settled');
      if (settled) { this.dataset.state = settled; this.textContent = this.getAttribute('settled-text') || settled; return; }
      const due = Date.parse(this.getAttribute('due') || '');
      if (isNaN(due)) { this.textContent = ''; delete this.dataset.state; return; }
      const start = Date.parse(this.getAttribute('start') || '');
      const now = Date.now();
      const left = due - now;
      let state = 'running';
      if (left <= 0) state = 'breached';
      else if (!isNaN(start) && due > start && (now - start) / (due - start) >= 0.8) state = 'warning';
      this.dataset.state = state;
      this.textContent = left <= 0 ? (this.getAttribute('overdue') || 'overdue') + ' ' + span(left) : span(left);
    }
  }

  class LocalTime extends HTMLElement {
    static get observedAttributes() { return ['at']; }
    connectedCallback() { this.render(); }
    attributeChangedCallback() { this.render(); }
    render() {
      const at = Date.parse(this.getAttribute('at') || '');
      this.textContent = isNaN(at) ? '' : new Date(at).toLocaleString(document.documentElement.lang || undefined);
      this.title = isNaN(at) ? '' : Intl.DateTimeFormat().resolvedOptions().timeZone;
    }
  }

  customElements.define('tc-countdown', Countdown);
  customElements.define('tc-time', LocalTime);
  setInterval(() => countdowns.forEach(c => c.tick()), 1000);
})();
