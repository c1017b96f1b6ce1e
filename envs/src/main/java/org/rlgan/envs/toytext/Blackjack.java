package org.rlgan.envs.toytext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.envs.HasScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.EpisodeGuard;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;
import org.rlgan.mdp.spaces.TupleSpace;

/**
 * Gymnasium 1.4's {@code Blackjack-v1} ({@code gymnasium/envs/toy_text/blackjack.py}; Sutton &amp; Barto,
 * Example 5.1), played from an infinite deck: every card is drawn uniformly from
 * {@code [1, 2, ..., 9, 10, 10, 10, 10]} (ace = 1, face cards = 10), with replacement.
 *
 * <ul>
 *   <li>Actions {@code Discrete(2)}: 0 stick, 1 hit. Observation {@code Tuple(Discrete(32), Discrete(11),
 *       Discrete(2))} as a {@code List<Object>} of three Integers: the player's sum, the dealer's showing card
 *       (1–10), whether the player holds a usable ace (an ace counted as 11 without going over 21).
 *   <li>{@code reset} deals the dealer two cards, then the player two, then draws the showing card's suit and,
 *       for a 10, its face (J, Q or K) for the scene. Info is empty.
 *   <li>Hit: a card; over 21 is a bust, reward −1, terminated. Stick: the dealer draws while under 17, then
 *       reward = +1, 0 or −1 comparing the scores (a bust scores 0), terminated.
 *   <li>{@code natural} (default false): a winning natural blackjack (ace and ten-card) pays +1.5.
 *       {@code sab} (Sutton &amp; Barto's rules; the registry's default is true): a player's natural beats any
 *       dealer hand that is not itself natural (+1), and {@code natural} is ignored.
 * </ul>
 *
 * <p>There is no finite model here (the state includes both hands), and Gymnasium has no ansi rendering for
 * Blackjack; {@link #scene()} describes the table.
 */
public final class Blackjack implements Env<List<Object>, Integer>, HasScene {

  private static final int[] DECK = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10};
  private static final String[] SUITS = {"C", "D", "H", "S"};
  private static final String[] FACES = {"J", "Q", "K"};

  /**
   * @param natural pay 1.5 for a winning natural (ignored when {@code sab})
   * @param sab Sutton &amp; Barto's rules: a natural wins unless the dealer also has one
   */
  public record Config(boolean natural, boolean sab) {
    /** The registry's defaults, {@code sab=true, natural=false}. */
    public static Config defaults() {
      return new Config(false, true);
    }
  }

  private final Config config;
  private final EnvSpec spec;
  private final TupleSpace observationSpace =
      TupleSpace.of(new Discrete(32), new Discrete(11), new Discrete(2));
  private final Discrete actionSpace = new Discrete(2);
  private final EpisodeGuard guard;
  private RandomGenerator rng;
  private List<Integer> player = new ArrayList<>();
  private List<Integer> dealer = new ArrayList<>();
  private String topSuit = "";
  private String topValue = "";

  public Blackjack(Config config) {
    this(config, EnvSpec.of("Blackjack-v1", false));
  }

  public Blackjack(Config config, EnvSpec spec) {
    this.config = config;
    this.spec = spec;
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.ALLOW);
  }

  static int drawCard(RandomGenerator rng) {
    return DECK[rng.nextInt(DECK.length)];
  }

  /** 1 when the hand holds an ace that can count as 11 without going over 21. */
  static int usableAce(List<Integer> hand) {
    return hand.contains(1) && sum(hand) + 10 <= 21 ? 1 : 0;
  }

  static int sumHand(List<Integer> hand) {
    return usableAce(hand) == 1 ? sum(hand) + 10 : sum(hand);
  }

  static boolean isBust(List<Integer> hand) {
    return sumHand(hand) > 21;
  }

  static int score(List<Integer> hand) {
    return isBust(hand) ? 0 : sumHand(hand);
  }

  /** An ace and a ten-card, exactly two cards. */
  static boolean isNatural(List<Integer> hand) {
    return hand.size() == 2 && hand.contains(1) && hand.contains(10);
  }

  private static int sum(List<Integer> hand) {
    int s = 0;
    for (int c : hand) {
      s += c;
    }
    return s;
  }

  private List<Object> observation() {
    return List.of(sumHand(player), dealer.get(0), usableAce(player));
  }

  @Override
  public Reset<List<Object>> reset(OptionalLong seed, Map<String, Object> options) {
    rng = Rngs.forReset(rng, seed);
    dealer = new ArrayList<>(List.of(drawCard(rng), drawCard(rng)));
    player = new ArrayList<>(List.of(drawCard(rng), drawCard(rng)));
    topSuit = SUITS[rng.nextInt(SUITS.length)];
    int showing = dealer.get(0);
    if (showing == 1) {
      topValue = "A";
    } else if (showing == 10) {
      topValue = FACES[rng.nextInt(FACES.length)];
    } else {
      topValue = Integer.toString(showing);
    }
    guard.onReset();
    return new Reset<>(observation(), Map.of());
  }

  @Override
  public Step<List<Object>> step(Integer action) {
    guard.beforeStep(actionSpace, action);
    boolean terminated;
    double reward;
    if (action == 1) { // hit
      player.add(drawCard(rng));
      terminated = isBust(player);
      reward = terminated ? -1.0 : 0.0;
    } else { // stick: the dealer plays out
      terminated = true;
      while (sumHand(dealer) < 17) {
        dealer.add(drawCard(rng));
      }
      reward = Integer.compare(score(player), score(dealer));
      if (config.sab() && isNatural(player) && !isNatural(dealer)) {
        reward = 1.0;
      } else if (!config.sab() && config.natural() && isNatural(player) && reward == 1.0) {
        reward = 1.5;
      }
    }
    guard.afterStep(terminated, false);
    return new Step<>(observation(), reward, terminated, false, Map.of());
  }

  public Config config() {
    return config;
  }

  /** The player's cards (a copy). */
  public List<Integer> playerHand() {
    return List.copyOf(player);
  }

  /** The dealer's cards (a copy). */
  public List<Integer> dealerHand() {
    return List.copyOf(dealer);
  }

  @Override
  public BlackjackScene scene() {
    if (dealer.isEmpty()) {
      throw new ResetNeededException(spec.id() + ": nothing to show before reset(); call reset(seed) first");
    }
    return new BlackjackScene(player, dealer, sumHand(player), dealer.get(0), usableAce(player) == 1, topSuit,
        topValue);
  }

  @Override
  public Space<List<Object>> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actionSpace;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }
}
