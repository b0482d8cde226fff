package com.promisevalidator.validation.service;

import com.promisevalidator.rules.model.Phases;

import java.util.List;

import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Agenda;

import com.promisevalidator.validation.facts.Plan;

/**
 * The phases a quote goes through, in order: the one list the service and the rule tests fire by.
 * Each rule names its phase ({@code ruleflow-group "settle"}; the older {@code agenda-group} means the same, deprecated by Drools 10); a phase runs until none of its rules has
 * anything left to do, then the next starts. A rule without a phase runs after all of them.
 */
public final class RulePhases {

    /** The phases in order ({@link Phases#ORDER}: the rules feature checks rule files against the same list). */
    public static final List<String> ORDER = Phases.ORDER;

    /** Tells each plan of a match which rule is about to fire, so its findings carry the rule's name. */
    private static final DefaultAgendaEventListener NAMES = new DefaultAgendaEventListener() {
        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            String rule = event.getMatch().getRule().getName();
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof Plan p) p.getNotes().firing(rule);
            }
        }
    };

    private RulePhases() {
    }

    /** Inserts the facts and fires the phases in order; returns the number of firings (at most {@code maxFirings}). */
    public static int fire(KieSession session, List<Object> facts, int maxFirings) {
        session.addEventListener(NAMES);
        try {
            for (Object f : facts) session.insert(f);
            focus(session);
            return session.fireAllRules(maxFirings);
        } finally {
            session.removeEventListener(NAMES);
        }
    }

    /** Stacks the phases so the first is on top: each, once done, hands over to the next. */
    static void focus(KieSession session) {
        Agenda agenda = session.getAgenda();
        for (int i = ORDER.size() - 1; i >= 0; i--) agenda.getAgendaGroup(ORDER.get(i)).setFocus();
    }
}
