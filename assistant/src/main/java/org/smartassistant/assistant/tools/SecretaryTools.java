package org.smartassistant.assistant.tools;

import java.util.Map;
import org.smartassistant.assistant.conversation.SecretaryTurn;
import org.smartassistant.assistant.conversation.TurnTools;
import org.smartassistant.assistant.llm.TurnBudget;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.springframework.stereotype.Component;

/**
 * The tools a secretary works with in a turn: its active tools in rest-service, as the {@link
 * ToolCatalog} builds them, run with the turn's user ({@link ToolUser}), key ({@link ToolTurn}) and
 * budget.
 */
@Component
class SecretaryTools implements TurnTools {

  private final ToolCatalog catalog;
  private final SecretaryResolver secretaries;

  SecretaryTools(ToolCatalog catalog, SecretaryResolver secretaries) {
    this.catalog = catalog;
    this.secretaries = secretaries;
  }

  @Override
  public Offer offer(SecretaryTurn turn, TurnBudget budget) {
    Map<String, Object> context =
        catalog.contextFor(
            new ToolUser(turn.user().id(), turn.chatId(), turn.zone(), turn.secretary().id()),
            turn.id().toString());
    budget.into(context);
    return new Offer(
        catalog.callbacksFor(secretaries.activeToolsOf(turn.secretary().id())), context);
  }
}
