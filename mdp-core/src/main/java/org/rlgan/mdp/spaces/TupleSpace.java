package org.rlgan.mdp.spaces;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A fixed-length product of spaces (Gymnasium's {@code Tuple}): members are {@code List<Object>}. */
public record TupleSpace(List<Space<?>> spaces) implements Space<List<Object>> {

  public TupleSpace {
    if (spaces.isEmpty()) {
      throw new IllegalArgumentException("TupleSpace needs at least one space");
    }
    spaces = List.copyOf(spaces);
  }

  public static TupleSpace of(Space<?>... spaces) {
    return new TupleSpace(List.of(spaces));
  }

  @Override
  public List<Object> sample(RandomGenerator rng) {
    List<Object> x = new ArrayList<>(spaces.size());
    for (Space<?> s : spaces) {
      x.add(s.sample(rng));
    }
    return x;
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof List<?> l) || l.size() != spaces.size()) {
      return false;
    }
    for (int i = 0; i < l.size(); i++) {
      if (!spaces.get(i).contains(l.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] shape() {
    throw new UnsupportedOperationException("a TupleSpace has no single shape; ask each of spaces() for its own");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Tuple(");
    for (int i = 0; i < spaces.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(spaces.get(i));
    }
    return b.append(')').toString();
  }
}
