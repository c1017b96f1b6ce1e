package org.rlgan.nets.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.LayerSpec;
import org.rlgan.nets.layers.Module;
import org.rlgan.nets.optim.Optimizer;

/**
 * A model's parameters (and optionally its optimizer's state) in a NumPy {@code .npz} file, with a JSON
 * description of the architecture beside it ({@code model.npz} + {@code model.json}).
 *
 * <p>The npz holds one array per parameter under its dotted name ({@code np.load("model.npz")["0.weight"]}),
 * one per buffer ({@link Module#namedBuffers()}, e.g. {@code "1.running_mean"}) likewise, and the optimizer's
 * state under {@code optimizer/…} keys. The JSON holds {@code format}, {@code version},
 * the data type, each parameter's shape, the architecture ({@link LayerSpec}, when given) and the optimizer's
 * configuration. Both files are written to temporary siblings and moved into place, so a crash never leaves
 * a half-written pair. Never Java serialization.
 */
public final class ParameterFiles {
  /** The value of the JSON description's {@code format} field. */
  public static final String FORMAT = "rlgan-parameters";
  /** The description's {@code version}; bumped when the layout changes. */
  public static final int VERSION = 1;
  private static final String OPTIMIZER_PREFIX = "optimizer/";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ParameterFiles() {}

  /** The JSON description's path for a parameter file: the same name with {@code .json}. */
  public static Path descriptionOf(Path npz) {
    String name = npz.getFileName().toString();
    String base = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
    return npz.resolveSibling(base + ".json");
  }

  /**
   * Writes the parameters of {@code model} (and the state of {@code optimizer}, may be null) to {@code npz},
   * and the description to {@link #descriptionOf(Path)}.
   *
   * @param architecture the model's spec, recorded so {@link #loadLayer} can rebuild it; may be null
   */
  public static void save(Path npz, Module model, LayerSpec architecture, Optimizer optimizer) throws IOException {
    LinkedHashMap<String, Tensor> params = model.namedParameters();
    LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
    ObjectNode desc = JSON.createObjectNode();
    desc.put("format", FORMAT);
    desc.put("version", VERSION);
    ObjectNode shapes = desc.putObject("parameters");
    DataType type = null;
    for (Map.Entry<String, Tensor> p : params.entrySet()) {
      if (p.getKey().startsWith(OPTIMIZER_PREFIX)) {
        throw new IllegalArgumentException("parameter names may not start with '" + OPTIMIZER_PREFIX + "': " + p.getKey());
      }
      arrays.put(p.getKey(), p.getValue().value());
      shapes.putPOJO(p.getKey(), p.getValue().shape());
      type = p.getValue().dataType();
    }
    LinkedHashMap<String, INDArray> buffers = model.namedBuffers();
    if (!buffers.isEmpty()) {
      ObjectNode bufferShapes = desc.putObject("buffers");
      for (Map.Entry<String, INDArray> b : buffers.entrySet()) {
        if (params.containsKey(b.getKey()) || b.getKey().startsWith(OPTIMIZER_PREFIX)) {
          throw new IllegalArgumentException("buffer name '" + b.getKey() + "' collides with a parameter or the '"
              + OPTIMIZER_PREFIX + "' prefix");
        }
        arrays.put(b.getKey(), b.getValue());
        bufferShapes.putPOJO(b.getKey(), b.getValue().shape());
      }
    }
    desc.put("dtype", type == null ? null : type.name());
    if (architecture != null) {
      desc.set("architecture", JSON.valueToTree(architecture));
    }
    if (optimizer != null) {
      ObjectNode opt = desc.putObject("optimizer");
      opt.put("type", optimizer.getClass().getSimpleName());
      opt.put("config", optimizer.config().toString());
      opt.put("iterations", optimizer.iterations());
      for (Map.Entry<String, INDArray> s : optimizer.state(params).entrySet()) {
        arrays.put(OPTIMIZER_PREFIX + s.getKey(), s.getValue());
      }
    }
    Npz.write(npz, arrays);
    byte[] json = JSON.writeValueAsBytes(desc);
    AtomicFile.write(descriptionOf(npz), out -> out.write(json));
  }

  /**
   * Loads parameter and buffer values into {@code model} in place (and the optimizer's state, when
   * {@code optimizer} is not null). Every model parameter and buffer must be in the file with the same shape, and
   * the file may hold no tensor the model lacks; otherwise an {@link IllegalArgumentException} names the tensor
   * and both shapes, and nothing is changed.
   */
  public static void load(Path npz, Module model, Optimizer optimizer) throws IOException {
    LinkedHashMap<String, INDArray> file = Npz.read(npz);
    LinkedHashMap<String, Tensor> params = model.namedParameters();
    LinkedHashMap<String, INDArray> buffers = model.namedBuffers();
    LinkedHashMap<String, INDArray> optimizerState = new LinkedHashMap<>();
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, INDArray> e : file.entrySet()) {
      if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
        optimizerState.put(e.getKey().substring(OPTIMIZER_PREFIX.length()), e.getValue());
      } else if (!params.containsKey(e.getKey()) && !buffers.containsKey(e.getKey())) {
        unknown.add(e.getKey());
      }
    }
    // Check everything before changing anything.
    for (Map.Entry<String, Tensor> p : params.entrySet()) {
      INDArray a = file.get(p.getKey());
      if (a == null) {
        throw new IllegalArgumentException(npz + " has no tensor '" + p.getKey() + "' (shape "
            + Arrays.toString(p.getValue().shape()) + " in the model); it holds " + parameterKeys(file));
      }
      if (!Arrays.equals(a.shape(), p.getValue().shape())) {
        throw new IllegalArgumentException("tensor '" + p.getKey() + "' in " + npz + " has shape "
            + Arrays.toString(a.shape()) + ", the model's has shape " + Arrays.toString(p.getValue().shape())
            + ": the file was saved from a different architecture");
      }
    }
    for (Map.Entry<String, INDArray> b : buffers.entrySet()) {
      INDArray a = file.get(b.getKey());
      if (a == null) {
        throw new IllegalArgumentException(npz + " has no buffer '" + b.getKey() + "' (shape "
            + Arrays.toString(b.getValue().shape()) + " in the model); it holds " + parameterKeys(file));
      }
      if (!Arrays.equals(a.shape(), b.getValue().shape())) {
        throw new IllegalArgumentException("buffer '" + b.getKey() + "' in " + npz + " has shape "
            + Arrays.toString(a.shape()) + ", the model's has shape " + Arrays.toString(b.getValue().shape())
            + ": the file was saved from a different architecture");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(npz + " holds tensors the model does not have: " + unknown
          + "; the model's are " + params.keySet() + (buffers.isEmpty() ? "" : " and buffers " + buffers.keySet()));
    }
    for (Map.Entry<String, Tensor> p : params.entrySet()) {
      INDArray a = file.get(p.getKey());
      p.getValue().value().assign(a.dataType() == p.getValue().dataType() ? a : a.castTo(p.getValue().dataType()));
    }
    for (Map.Entry<String, INDArray> b : buffers.entrySet()) {
      INDArray a = file.get(b.getKey());
      b.getValue().assign(a.dataType() == b.getValue().dataType() ? a : a.castTo(b.getValue().dataType()));
    }
    if (optimizer != null) {
      if (optimizerState.isEmpty()) {
        throw new IllegalArgumentException(npz + " holds no optimizer state (it was saved without an optimizer)");
      }
      optimizer.loadState(params, optimizerState);
    }
  }

  /**
   * Rebuilds the layer described beside {@code npz} and loads its parameters.
   *
   * @throws IllegalArgumentException when the description has no architecture or is not ours
   */
  public static Layer loadLayer(Path npz, DataType type, RandomGenerator rng) throws IOException {
    Path descPath = descriptionOf(npz);
    ObjectNode desc = (ObjectNode) JSON.readTree(descPath.toFile());
    if (desc == null || !FORMAT.equals(desc.path("format").asText()) || desc.path("version").asInt() > VERSION) {
      throw new IllegalArgumentException(descPath + " is not a version <= " + VERSION + " " + FORMAT + " description");
    }
    if (!desc.has("architecture")) {
      throw new IllegalArgumentException(descPath + " records no architecture: save with a LayerSpec to rebuild from it");
    }
    LayerSpec spec = JSON.treeToValue(desc.get("architecture"), LayerSpec.class);
    Layer layer = spec.build(type, rng);
    load(npz, layer, null);
    return layer;
  }

  private static List<String> parameterKeys(Map<String, INDArray> file) {
    return file.keySet().stream().filter(k -> !k.startsWith(OPTIMIZER_PREFIX)).toList();
  }
}
