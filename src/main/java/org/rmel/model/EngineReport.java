package org.rmel.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.util.Optional;
import org.rmel.gpu.LibtorchLocator;

/**
 * The PyTorch engine as loaded for a device choice: where models run, and which libtorch DJL took
 * (version, flavor, folder, and why).
 *
 * @param device where models run, e.g. "gpu(0)"
 * @param cuda the engine reports CUDA (a usable GPU)
 * @param cudaBuild a CUDA build of libtorch is loaded
 * @param path the folder DJL loaded libtorch from
 */
public record EngineReport(String device, boolean cuda, boolean cudaBuild, String version, String flavor, String path,
        String origin) {

    /** Loads the engine for {@code choice} (if not yet loaded) and describes it. */
    public static EngineReport load(DeviceChoice choice) {
        Device d = choice.resolve();
        Engine engine = Engine.getEngine("PyTorch");
        EngineSelection.Loaded loaded = EngineSelection.loaded().orElseThrow();
        Optional<LibtorchLocator.Found> found = loaded.libtorch();
        String flavor = found.map(LibtorchLocator.Found::flavor).orElse("cpu");
        String origin = found.map(f -> "from " + f.origin().label()).orElse("bundled in the jar");
        return new EngineReport(d.toString(), engine.hasCapability(ai.djl.engine.StandardCapabilities.CUDA),
                flavor.startsWith("cu"), engine.getVersion(), flavor, LibUtils.getLibtorchPath(), origin);
    }

    /** "2.7.1 (cu128), from gpu setup, loaded from DIR; models on gpu(0)". */
    public String describe() {
        return version + " (" + flavor + "), " + origin + ", loaded from " + path + "; models run on " + device;
    }
}
