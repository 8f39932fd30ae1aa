// The login prompt's live status bar: while a push or call is pending (data-pending="true" on the
// status), ask the server once a second (one request at a time) with the hidden poll button; and
// once both factors succeeded for a hosted-prompt application, post its result to the application.
// Enter in the passcode field means "Log In" (not the form's first button, "Send me a Push").
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

    document.addEventListener('keydown', function (event) {
        var logIn = document.getElementById('prompt:verify');
        if (event.key === 'Enter' && event.target && event.target.id === 'prompt:passcode' && logIn) {
            event.preventDefault();
            logIn.click();
        }
    });

    tick();
    setInterval(tick, 1000);
})();
