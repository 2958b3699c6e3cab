package app.fanloop.device;

import org.jboss.resteasy.reactive.RestForm;

/** A device a member adds on /me: a model from the list ({@code modelId}) or typed ({@code model}), and its system version. */
public record DeviceForm(@RestForm String modelId, @RestForm String model, @RestForm String systemVersion) {

    public static DeviceForm empty() {
        return new DeviceForm("", "", "");
    }

    public boolean chose(DeviceModel m) {
        return m.id.toString().equals(modelId);
    }
}
