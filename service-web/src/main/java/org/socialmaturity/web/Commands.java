package org.socialmaturity.web;

import org.socialmaturity.http.CallContext;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.socialmaturity.contracts.rules.NotFound;
import org.socialmaturity.eventstore.AxonRuntime;
import org.socialmaturity.web.privacy.PersonalData;

/**
 * Sends a command on behalf of the current caller and waits until its events are stored. The command carries the
 * request's correlation id and actor as metadata, and every event it causes inherits them; the actor is personal data,
 * sealed with the actor's own key.
 */
@RequestScoped
public class Commands {

    public static final String OPERATOR = "operator";

    private final CommandGateway gateway;
    private final CallContext call;
    private final PersonalData personalData;

    Commands(CommandGateway gateway, CallContext call, PersonalData personalData) {
        this.gateway = gateway;
        this.call = call;
        this.personalData = personalData;
    }

    /**
     * @return the command handler's result; a rule the command broke is thrown as the handler threw it, and a command to
     * an id no aggregate has as {@link NotFound}: as unknown as an id nobody registered
     */
    public <R> R send(Object command) {
        return send(command, personalData.seal(call.actor(), call.actor()));
    }

    /** A command of the platform's operator (X-Admin-Key), who acts as a role, not as a person. */
    public <R> R sendAsOperator(Object command) {
        return send(command, OPERATOR);
    }

    private <R> R send(Object command, String actor) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                    AxonRuntime.CORRELATION_ID, call.requestId(), AxonRuntime.ACTOR, actor)));
        } catch (AggregateNotFoundException unknown) {
            throw NotFound.anything(String.valueOf(unknown.getAggregateIdentifier()));
        }
    }
}
