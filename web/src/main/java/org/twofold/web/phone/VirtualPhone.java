package org.twofold.web.phone;

import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.twofold.TwofoldException;
import org.twofold.auth.TxState;
import org.twofold.delivery.VirtualPhones;

/**
 * Backs {@code /phone}: choose a virtual phone, see what arrived (refreshed every second and a
 * half), and answer like the phone would. Every action is one call of {@link VirtualPhones}.
 */
@Named
@ViewScoped
public class VirtualPhone implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @EJB
    private VirtualPhones phones;

    private Long deviceId;
    private final Map<String, String> numbers = new HashMap<>();

    /** One phone in the chooser. */
    public static final class Choice implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long deviceId;
        private final String label;

        Choice(long deviceId, String label) {
            this.deviceId = deviceId;
            this.label = label;
        }

        public long getDeviceId() {
            return deviceId;
        }

        public String getLabel() {
            return label;
        }
    }

    /** One line of the phone's screen. */
    public static final class Line implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String kind;
        private final String body;
        private final String time;
        private final String txid;
        private final TxState state;
        private final boolean verified;

        Line(VirtualPhones.Item item) {
            this.kind = VirtualPhones.kindOf(item);
            this.body = item.message().body();
            this.time = TIME.format(item.message().at());
            this.txid = item.message().txid();
            this.state = item.state();
            this.verified = item.verified();
        }

        public String getKind() {
            return kind;
        }

        public String getBody() {
            return body;
        }

        public String getTime() {
            return time;
        }

        public String getTxid() {
            return txid;
        }

        public String getState() {
            return state == null ? "" : state.keyword();
        }

        public boolean isVerified() {
            return verified;
        }

        public boolean isPushPending() {
            return "push".equals(kind) && state == TxState.PUSHED;
        }

        public boolean isRinging() {
            return "call".equals(kind) && state == TxState.CALLING;
        }

        public boolean isAnswered() {
            return "call".equals(kind) && state == TxState.ANSWERED;
        }
    }

    public boolean isEnabled() {
        return phones.enabled();
    }

    public List<Choice> getPhones() {
        return phones.phones().stream()
                .map(p -> new Choice(p.device().id(), p.username() + " — " + p.device().label())).toList();
    }

    public List<Line> getLines() {
        return deviceId == null ? List.of() : phones.screen(deviceId).stream().map(Line::new).toList();
    }

    public void approve(String txid) {
        act(() -> phones.approve(deviceId, txid, numbers.get(txid)));
    }

    public void deny(String txid) {
        act(() -> phones.deny(deviceId, txid, false));
    }

    public void reportFraud(String txid) {
        act(() -> phones.deny(deviceId, txid, true));
    }

    public void answer(String txid) {
        act(() -> phones.answer(deviceId, txid));
    }

    public void pressKey(String txid) {
        act(() -> phones.pressKey(deviceId, txid));
    }

    public void hangUp(String txid) {
        act(() -> phones.hangUp(deviceId, txid));
    }

    private void act(Supplier<?> action) {
        try {
            action.get();
        } catch (TwofoldException e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, e.getMessage(), null));
        }
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public Map<String, String> getNumbers() {
        return numbers;
    }
}
