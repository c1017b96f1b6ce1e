package org.rlgan.scenarios.cli;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlgan.scenarios.config.Binder;
import org.rlgan.scenarios.config.Names;
import org.rlgan.scenarios.config.Opt;
import org.rlgan.scenarios.config.TypeRegistry;
import org.rlgan.scenarios.spec.Schemas;

/** {@code workbench describe TYPE}: every key of a block with its type, default, range and meaning, from the records. */
final class Describe {

  private Describe() {}

  /** All registry entries called {@code name} (a name may be both a solver's and a model's). */
  static List<TypeRegistry.Entry<?>> find(String name, List<TypeRegistry<?>> regsOut) {
    List<TypeRegistry.Entry<?>> out = new ArrayList<>();
    for (TypeRegistry<?> r : Schemas.ALL) {
      TypeRegistry.Entry<?> e = r.get(name);
      if (e != null) {
        out.add(e);
        regsOut.add(r);
      }
    }
    return out;
  }

  static List<String> allNames() {
    List<String> out = new ArrayList<>();
    Schemas.ALL.forEach(r -> out.addAll(r.names()));
    return out;
  }

  static String describe(TypeRegistry<?> reg, TypeRegistry.Entry<?> e) {
    StringBuilder b = new StringBuilder();
    b.append(reg.what()).append(" ").append(reg.key()).append(": ").append(e.name()).append("  (").append(e.doc())
        .append(")\n\n");
    Binder binder = new Binder(Schemas.schema());
    keys(b, e.type(), reg.key(), "  ", binder);
    return b.toString();
  }

  private static void keys(StringBuilder b, Class<?> rc, String skip, String indent, Binder binder) {
    for (RecordComponent c : rc.getRecordComponents()) {
      if (c.getName().equals(skip)) {
        continue;
      }
      Opt opt = c.getAnnotation(Opt.class);
      String key = Names.snake(c.getName());
      Type t = c.getGenericType();
      StringBuilder line = new StringBuilder(indent + key + ": " + binder.expected(t));
      if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
        line.append(" of ").append(binder.expected(p.getActualTypeArguments()[0]));
      }
      if (opt != null && !opt.range().isEmpty()) {
        line.append(" in ").append(opt.range());
      }
      line.append(opt == null || Opt.REQUIRED.equals(opt.def()) ? ", required"
          : ", default " + ("null".equals(opt.def()) ? "none" : opt.def()));
      b.append(line).append('\n');
      if (opt != null) {
        b.append(indent).append("    ").append(opt.doc()).append('\n');
      }
      Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
      Type inner = t instanceof ParameterizedType p && raw == List.class ? p.getActualTypeArguments()[0] : t;
      Class<?> innerRaw = inner instanceof Class<?> k ? k : null;
      if (innerRaw != null && innerRaw.isRecord()) {
        keys(b, innerRaw, null, indent + "    ", binder);
      } else if (innerRaw != null && Schemas.schema().registry(innerRaw) != null) {
        TypeRegistry<?> r = Schemas.schema().registry(innerRaw);
        b.append(indent).append("    ").append(r.key()).append(": one of ").append(r.names())
            .append(" (workbench describe <name>)\n");
      }
      if (raw == Map.class) {
        b.append(indent).append("    (free-form; checked by the environment, see docs/envs.md)\n");
      }
    }
  }
}
