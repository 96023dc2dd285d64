#include "annotate/ui/gl.hpp"

#include <SDL.h>

namespace kotsu::annotate::ui::gl {

namespace {
Functions g_fn;  // filled once per process from the GL context (read-only afterwards)

template <class F>
bool get(F& f, const char* name) {
    f = reinterpret_cast<F>(SDL_GL_GetProcAddress(name));
    return f != nullptr;
}
}  // namespace

bool load() {
    bool ok = true;
    ok &= get(g_fn.GenTextures, "glGenTextures");
    ok &= get(g_fn.DeleteTextures, "glDeleteTextures");
    ok &= get(g_fn.BindTexture, "glBindTexture");
    ok &= get(g_fn.TexParameteri, "glTexParameteri");
    ok &= get(g_fn.TexImage2D, "glTexImage2D");
    ok &= get(g_fn.TexSubImage2D, "glTexSubImage2D");
    ok &= get(g_fn.PixelStorei, "glPixelStorei");
    ok &= get(g_fn.ReadPixels, "glReadPixels");
    ok &= get(g_fn.Finish, "glFinish");
    ok &= get(g_fn.Viewport, "glViewport");
    ok &= get(g_fn.ClearColor, "glClearColor");
    ok &= get(g_fn.Clear, "glClear");
    return ok;
}

const Functions& fn() { return g_fn; }

Texture& Texture::operator=(Texture&& o) noexcept {
    if (this != &o) {
        if (id_ && g_fn.DeleteTextures) g_fn.DeleteTextures(1, &id_);
        id_ = o.id_;
        w_ = o.w_;
        h_ = o.h_;
        o.id_ = 0;
    }
    return *this;
}

Texture::~Texture() {
    if (id_ && g_fn.DeleteTextures) g_fn.DeleteTextures(1, &id_);
}

void Texture::upload(int width, int height, const std::uint8_t* rgba) {
    const auto& f = g_fn;
    if (!id_) {
        f.GenTextures(1, &id_);
        f.BindTexture(kTexture2D, id_);
        f.TexParameteri(kTexture2D, kTextureMinFilter, kLinear);
        f.TexParameteri(kTexture2D, kTextureMagFilter, kLinear);
        f.TexParameteri(kTexture2D, kTextureWrapS, kClampToEdge);
        f.TexParameteri(kTexture2D, kTextureWrapT, kClampToEdge);
    } else {
        f.BindTexture(kTexture2D, id_);
    }
    f.PixelStorei(kUnpackAlignment, 1);
    f.PixelStorei(kUnpackRowLength, 0);
    if (width != w_ || height != h_) {
        f.TexImage2D(kTexture2D, 0, static_cast<GLint>(kRGBA), width, height, 0, kRGBA, kUnsignedByte, rgba);
        w_ = width;
        h_ = height;
    } else {
        f.TexSubImage2D(kTexture2D, 0, 0, 0, width, height, kRGBA, kUnsignedByte, rgba);
    }
}

}  // namespace kotsu::annotate::ui::gl
