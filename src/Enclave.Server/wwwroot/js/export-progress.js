// While an export is being built, reload the page every few seconds so its progress shows;
// stops by itself once nothing is pending (the server no longer includes this script).
(() => {
    if (!document.querySelector('[data-export-pending]')) return;
    setTimeout(() => window.location.reload(), 3000);
})();
