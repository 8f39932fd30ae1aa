package org.twofold.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one stored row of {@link Policy} (id 1). Booleans are stored as text for portability. */
@Entity
@Table(name = "TF_POLICY")
class PolicyRecord {
    static final long ID = 1L;

    @Id
    private Long id = ID;
    private int smsBatchSize;
    private int smsCodeLifetimeHours;
    private int smsSendsPerNumber;
    private int smsSendWindowMinutes;
    private int bypassCodeMinutes;
    private int temporaryPasscodeMaxHours;
    private int temporaryPasscodeMaxUses;
    private int rememberMeHours;
    private int lockoutThreshold;
    private int pushTimeoutSeconds;
    private int callTimeoutSeconds;
    @Column(length = 5, nullable = false)
    private String verifiedPush;
    @Column(length = 100, nullable = false)
    private String allowedFactors;
    private int hotpWindow;
    @Column(length = 5, nullable = false)
    private String identityProofPin;
    @Column(length = 5, nullable = false)
    private String identityProofSsn;
    private int pushUnansweredMax;
    private int pushUnansweredWindowMinutes;
    private int pushPauseAfterFraudMinutes;
    private int portalStepUpMinutes;
    @Column(nullable = false)
    private Instant updatedAt;

    protected PolicyRecord() {
    }

    PolicyRecord(Policy p, Instant now) {
        store(p, now);
    }

    final void store(Policy p, Instant now) {
        smsBatchSize = p.smsBatchSize();
        smsCodeLifetimeHours = p.smsCodeLifetimeHours();
        smsSendsPerNumber = p.smsSendsPerNumber();
        smsSendWindowMinutes = p.smsSendWindowMinutes();
        bypassCodeMinutes = p.bypassCodeMinutes();
        temporaryPasscodeMaxHours = p.temporaryPasscodeMaxHours();
        temporaryPasscodeMaxUses = p.temporaryPasscodeMaxUses();
        rememberMeHours = p.rememberMeHours();
        lockoutThreshold = p.lockoutThreshold();
        pushTimeoutSeconds = p.pushTimeoutSeconds();
        callTimeoutSeconds = p.callTimeoutSeconds();
        verifiedPush = Boolean.toString(p.verifiedPush());
        allowedFactors = p.allowedFactorsText();
        hotpWindow = p.hotpWindow();
        identityProofPin = Boolean.toString(p.identityProofPin());
        identityProofSsn = Boolean.toString(p.identityProofSsn());
        pushUnansweredMax = p.pushUnansweredMax();
        pushUnansweredWindowMinutes = p.pushUnansweredWindowMinutes();
        pushPauseAfterFraudMinutes = p.pushPauseAfterFraudMinutes();
        portalStepUpMinutes = p.portalStepUpMinutes();
        updatedAt = now;
    }

    Policy toPolicy() {
        return new Policy(smsBatchSize, smsCodeLifetimeHours, smsSendsPerNumber, smsSendWindowMinutes, bypassCodeMinutes,
                temporaryPasscodeMaxHours, temporaryPasscodeMaxUses, rememberMeHours, lockoutThreshold, pushTimeoutSeconds,
                callTimeoutSeconds, Boolean.parseBoolean(verifiedPush), Policy.parseFactors(allowedFactors), hotpWindow,
                Boolean.parseBoolean(identityProofPin), Boolean.parseBoolean(identityProofSsn),
                pushUnansweredMax, pushUnansweredWindowMinutes, pushPauseAfterFraudMinutes,
                portalStepUpMinutes);
    }
}
