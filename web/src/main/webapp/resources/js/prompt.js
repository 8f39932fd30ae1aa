// The login prompt's live status bar: while a push or call is pending (data-pending="true" on the
// status), ask the server once a second (one request at a time) with the hidden poll button; and
// once both factors succeeded for a hosted-prompt application, post its result to the application.
(function () {
    var inFlight = false;
    var handedOff = false;
    var hooked = false;

    function hook() {
        var f = window.faces || window.jsf;
        if (hooked || !f || !f.ajax) {
            return;
        }
        hooked = true;
        f.ajax.addOnEvent(function (data) {
            if (data.status === 'success') {
                inFlight = false;
            }
        });
        f.ajax.addOnError(function () {
            inFlight = false;
        });
    }

    function tick() {
        hook();
        var handoff = document.getElementById('handoff');
        if (handoff) {
            if (!handedOff) {
                handedOff = true;
                handoff.submit();
            }
            return;
        }
        var status = document.getElementById('prompt:status');
        var poll = document.getElementById('prompt:poll');
        if (status && poll && status.getAttribute('data-pending') === 'true' && !inFlight) {
            inFlight = true;
            poll.click();
        }
    }

    tick();
    setInterval(tick, 1000);
})();
