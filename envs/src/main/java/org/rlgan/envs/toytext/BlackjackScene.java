package org.rlgan.envs.toytext;

import java.util.List;
import org.rlgan.envs.Scene;

/**
 * A Blackjack snapshot: both hands (card values 1–10, an ace is 1, a face card 10), the player's sum, the
 * dealer's showing card, whether the player holds a usable ace, and the suit and face (A, 2–10, J, Q, K) drawn
 * for the dealer's showing card, as Gymnasium's renderer picks them at reset.
 */
public record BlackjackScene(List<Integer> player, List<Integer> dealer, int playerSum, int dealerShowing,
    boolean usableAce, String dealerTopCardSuit, String dealerTopCardValue) implements Scene {

  public BlackjackScene {
    player = List.copyOf(player);
    dealer = List.copyOf(dealer);
  }

  @Override
  public String kind() {
    return "blackjack";
  }
}
