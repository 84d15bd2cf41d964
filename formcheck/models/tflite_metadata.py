"""Write TFLite image-input metadata so the MediaPipe Tasks API accepts raw pose models."""

from __future__ import annotations

from typing import TYPE_CHECKING

import flatbuffers

if TYPE_CHECKING:
    from mediapipe.tasks.metadata import schema_py_generated as tflite_fb

METADATA_FIELD = "TFLITE_METADATA"
TFLITE_IDENTIFIER = b"TFL3"
METADATA_IDENTIFIER = b"M001"
# The lowest metadata parser version that reads ImageProperties + NormalizationOptions; it is what
# MediaPipe's own writer computes for this metadata (its compiled helper is missing from 1.2.2's wheel).
MIN_PARSER_VERSION = "1.0.0"


def _tensor_names(model: tflite_fb.Model) -> tuple[list[str], list[str]]:
    graph = model.Subgraphs(0)
    inputs = [graph.Tensors(graph.Inputs(i)).Name().decode() for i in range(graph.InputsLength())]
    outputs = [graph.Tensors(graph.Outputs(i)).Name().decode() for i in range(graph.OutputsLength())]
    return inputs, outputs


def has_metadata(model_bytes: bytes) -> bool:
    """Whether the model already carries TFLite metadata."""
    from mediapipe.tasks.metadata import schema_py_generated as tflite_fb

    model = tflite_fb.Model.GetRootAsModel(model_bytes, 0)
    names = {model.Metadata(i).Name().decode() for i in range(model.MetadataLength())}
    return METADATA_FIELD in names


def _metadata_buffer(name: str, mean: float, std: float, inputs: list[str], outputs: list[str]) -> bytes:
    from mediapipe.tasks.metadata import metadata_schema_py_generated as meta_fb

    image_input = meta_fb.TensorMetadataT()
    image_input.name = "image"
    image_input.content = meta_fb.ContentT()
    image_input.content.contentPropertiesType = meta_fb.ContentProperties.ImageProperties
    props = meta_fb.ImagePropertiesT()
    props.colorSpace = meta_fb.ColorSpaceType.RGB
    image_input.content.contentProperties = props
    normalisation = meta_fb.ProcessUnitT()
    normalisation.optionsType = meta_fb.ProcessUnitOptions.NormalizationOptions
    normalisation.options = meta_fb.NormalizationOptionsT()
    normalisation.options.mean = [mean]
    normalisation.options.std = [std]
    image_input.processUnits = [normalisation]

    other_inputs = []
    for tensor_name in inputs[1:]:
        tensor = meta_fb.TensorMetadataT()
        tensor.name = tensor_name
        other_inputs.append(tensor)
    output_tensors = []
    for tensor_name in outputs:
        tensor = meta_fb.TensorMetadataT()
        tensor.name = tensor_name
        output_tensors.append(tensor)

    graph = meta_fb.SubGraphMetadataT()
    graph.inputTensorMetadata = [image_input, *other_inputs]
    graph.outputTensorMetadata = output_tensors
    model_meta = meta_fb.ModelMetadataT()
    model_meta.name = name
    model_meta.subgraphMetadata = [graph]
    model_meta.minParserVersion = MIN_PARSER_VERSION
    builder = flatbuffers.Builder(0)
    builder.Finish(model_meta.Pack(builder), METADATA_IDENTIFIER)
    return bytes(builder.Output())


def with_image_metadata(model_bytes: bytes, name: str, mean: float, std: float) -> bytes:
    """Return the model with image-input normalisation metadata (pixel' = (pixel - mean) / std)."""
    from mediapipe.tasks.metadata import schema_py_generated as tflite_fb

    root = tflite_fb.Model.GetRootAsModel(model_bytes, 0)
    inputs, outputs = _tensor_names(root)
    model = tflite_fb.ModelT.InitFromObj(root)
    buffer = tflite_fb.BufferT()
    buffer.data = _metadata_buffer(name, mean, std, inputs, outputs)
    model.buffers = list(model.buffers or [])
    model.metadata = [m for m in (model.metadata or []) if m.name.decode() != METADATA_FIELD]
    model.buffers.append(buffer)
    field = tflite_fb.MetadataT()
    field.name = METADATA_FIELD
    field.buffer = len(model.buffers) - 1
    model.metadata.append(field)
    builder = flatbuffers.Builder(0)
    builder.Finish(model.Pack(builder), TFLITE_IDENTIFIER)
    return bytes(builder.Output())
